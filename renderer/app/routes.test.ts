import { describe, expect, it } from 'vitest';
import { PAGE_IDS, PAGES, hrefFor, parseHash } from './routes.ts';

describe('hash routes', () => {
  it('round-trips every page and falls back to the Overview', () => {
    for (const id of PAGE_IDS) expect(parseHash(hrefFor(id))).toBe(id);
    expect(parseHash('')).toBe('overview');
    expect(parseHash('#/nope')).toBe('overview');
    expect(parseHash('#/runs/123')).toBe('runs');
    expect(parseHash('#runs')).toBe('runs');
  });

  it('every page is built (none shows a “coming soon” placeholder)', () => {
    expect(PAGES.filter((p) => p.comingSoon !== undefined).map((p) => p.id)).toEqual([]);
  });
});
