import { describe, expect, it } from 'vitest';
import { budgetText, displayHealth, formatIn, healthMessage } from './health.ts';

describe('connector health words', () => {
  it('shows the connector message, or what its health means', () => {
    expect(healthMessage({ health: 'needs_attention', healthMessage: 'n8n rejected the API key (401).', polled: true, blind: 'n8n rejected the API key (401).' })).toBe('n8n rejected the API key (401).');
    expect(healthMessage({ health: 'ok', healthMessage: null, polled: true, blind: null })).toBe('Polling normally.');
    expect(healthMessage({ health: 'ok', healthMessage: null, polled: false, blind: null })).toMatch(/nothing is polled/);
  });

  it('is never "Healthy" while Flowdeck cannot see through it: the live state\'s reason shows instead', () => {
    const never = { health: 'ok' as const, polled: true, lastSuccessAt: null, blind: 'n8n has not been polled successfully yet.' };
    expect(displayHealth(never)).toMatchObject({ label: 'Not polled yet', tone: 'warning' });
    expect(healthMessage({ ...never, healthMessage: null })).toBe('n8n has not been polled successfully yet.');
    expect(displayHealth({ ...never, lastSuccessAt: 1, blind: 'Flowdeck has not heard from n8n for over 45 min.' }).label).toBe('Out of sight');
    expect(displayHealth({ ...never, lastSuccessAt: 1, blind: null }).label).toBe('Healthy');
  });

  it('says when the next poll is and how much API budget is used', () => {
    expect([formatIn(null, 0), formatIn(500, 0), formatIn(45_000, 0), formatIn(120_000, 0), formatIn(3 * 3_600_000, 0)])
      .toEqual(['—', 'now', 'in 45 s', 'in 2 min', 'in 3 h']);
    expect(budgetText({ limit: 60, used: 12, windowMs: 60_000 })).toBe('12 of 60 requests per minute');
    expect(budgetText({ limit: 5000, used: 3, windowMs: 3_600_000 })).toBe('3 of 5,000 requests per hour');
    expect(budgetText(null)).toBeNull();
  });
});
