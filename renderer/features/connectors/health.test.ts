import { describe, expect, it } from 'vitest';
import { budgetText, formatIn, healthMessage } from './health.ts';

describe('connector health words', () => {
  it('shows the connector message, or what its health means', () => {
    expect(healthMessage({ health: 'needs_attention', healthMessage: 'n8n rejected the API key (401).', polled: true })).toBe('n8n rejected the API key (401).');
    expect(healthMessage({ health: 'ok', healthMessage: null, polled: true })).toBe('Polling normally.');
    expect(healthMessage({ health: 'ok', healthMessage: null, polled: false })).toMatch(/nothing is polled/);
  });

  it('says when the next poll is and how much API budget is used', () => {
    expect([formatIn(null, 0), formatIn(500, 0), formatIn(45_000, 0), formatIn(120_000, 0), formatIn(3 * 3_600_000, 0)])
      .toEqual(['—', 'now', 'in 45 s', 'in 2 min', 'in 3 h']);
    expect(budgetText({ limit: 60, used: 12, windowMs: 60_000 })).toBe('12 of 60 requests per minute');
    expect(budgetText({ limit: 5000, used: 3, windowMs: 3_600_000 })).toBe('3 of 5,000 requests per hour');
    expect(budgetText(null)).toBeNull();
  });
});
