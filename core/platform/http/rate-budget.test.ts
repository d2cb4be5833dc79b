import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeTime } from './fake-time.ts';
import { createRateBudget } from './rate-budget.ts';

function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while ((sorted[end] as number) - (sorted[start] as number) >= windowMs) start += 1;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

describe('rate budget', () => {
  it('lets `limit` through at once, then waits exactly until the oldest leaves the window', async () => {
    const time = fakeTime(0);
    const budget = createRateBudget({ limit: 3, windowMs: 1000 }, time);
    const at: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      await budget.acquire();
      at.push(time.clock.now());
    }
    expect(at).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
  });

  it('property: never more than `limit` in any window, whatever the arrival pattern and concurrency', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 1, max: 5000 }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 40 }),
      async (limit, windowMs, bursts) => {
        const time = fakeTime(0);
        const budget = createRateBudget({ limit, windowMs }, time);
        const sent: number[] = [];
        for (const [gap, concurrent] of bursts) {
          time.clock.advance(gap);
          await Promise.all(Array.from({ length: concurrent }, async () => {
            await budget.acquire();
            sent.push(time.clock.now());
          }));
        }
        expect(maxInAnyWindow(sent, windowMs)).toBeLessThanOrEqual(limit);
        expect(sent).toHaveLength(bursts.reduce((n, [, c]) => n + c, 0));
      },
    ), { numRuns: 200 });
  });

  it('a server block holds every request until its time; the later block wins', async () => {
    const time = fakeTime(0);
    const budget = createRateBudget(null, time);
    budget.blockUntil(5000);
    budget.blockUntil(3000);
    await budget.acquire();
    expect(time.clock.now()).toBe(5000);
    expect(budget.usage()).toBeNull();
  });

  it('may refuse to wait for a long block (the caller throws); later callers are not stuck', async () => {
    const time = fakeTime(0);
    const budget = createRateBudget({ limit: 2, windowMs: 1000 }, {
      ...time,
      beforeBlockedWait: (waitMs) => { if (waitMs > 10_000) throw new Error(`too long: ${waitMs}`); },
    });
    budget.blockUntil(60_000);
    await expect(budget.acquire()).rejects.toThrow('too long: 60000');
    time.clock.set(55_000);
    await budget.acquire();
    expect(time.clock.now()).toBe(60_000);
    expect(budget.usage()).toEqual({ limit: 2, used: 1, windowMs: 1000 });
  });

  it('rejects nonsense limits', () => {
    const time = fakeTime(0);
    expect(() => createRateBudget({ limit: 0, windowMs: 1000 }, time)).toThrow(/limit >= 1/);
    expect(() => createRateBudget({ limit: 5, windowMs: 0 }, time)).toThrow(/windowMs > 0/);
  });
});
