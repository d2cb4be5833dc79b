import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_CADENCE as C, inWords, modeDelay, pollMode, withJitter } from './cadence.ts';

const view = { hasMore: false, unfinished: 0, recentFailures: 0, lastActivityAt: 0, now: 60_000 };

describe('poll cadence', () => {
  it('continues at once with more pages, goes fast while runs are in flight or failing, slows when idle', () => {
    expect(pollMode({ ...view, hasMore: true, unfinished: 3 }, C)).toBe('continue');
    expect(pollMode({ ...view, unfinished: 1 }, C)).toBe('fast');
    expect(pollMode({ ...view, recentFailures: 2 }, C)).toBe('fast');
    expect(pollMode(view, C)).toBe('normal');
    expect(pollMode({ ...view, now: C.idleAfterMs }, C)).toBe('idle');
    expect([modeDelay('fast', C), modeDelay('normal', C), modeDelay('idle', C)]).toEqual([30_000, 120_000, 600_000]);
  });

  it('backs off exponentially up to a cap, never sooner than the server asked', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, C, null, 0))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffDelay(30, C, null, 0)).toBe(C.backoffMaxMs);
    expect(backoffDelay(1, C, 90_000, 0)).toBe(90_000);
    expect(backoffDelay(3, C, 90_000, 0)).toBe(120_000);
  });

  it('jitters within ± the fraction', () => {
    expect(withJitter(100_000, 0.1, () => 0)).toBe(90_000);
    expect(withJitter(100_000, 0.1, () => 0.5)).toBe(100_000);
    expect(withJitter(100_000, 0.1, () => 0.999999)).toBe(110_000);
  });

  it('says delays in words', () => {
    expect([inWords(30_000), inWords(120_000), inWords(3_600_000), inWords(3_900_000)]).toEqual(['30 s', '2 min', '1 h', '1 h 5 min']);
  });
});
