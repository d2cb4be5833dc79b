import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeTime } from '../../../test/support/fake-time.ts';
import { BudgetPool, createRateBudget } from './rate-budget.ts';

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
      const settled = await budget.acquire();
      at.push(time.clock.now());
      settled();
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
            const settled = await budget.acquire();
            sent.push(time.clock.now());
            settled();
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

  it('property: clients sharing one window never exceed its limit together, even when answers arrive late', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 1, max: 8 }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: 400 })), { minLength: 1, maxLength: 40 }),
      async (limit, requests) => {
        const time = fakeTime(0);
        const pool = new BudgetPool();
        const clients = [0, 1, 2].map(() => createRateBudget(pool.get('org:1', { limit, windowMs: 1000 }), time));
        // A request reaches the vendor somewhere between its send and its answer: here, at the answer.
        const arrivals: number[] = [];
        await Promise.all(requests.map(async ([who, gap, latency]) => {
          await time.sleep(gap);
          const settled = await clients[who]!.acquire();
          await time.sleep(latency);
          arrivals.push(time.clock.now());
          settled();
        }));
        arrivals.sort((a, b) => a - b);
        expect(maxInAnyWindow(arrivals, 1000)).toBeLessThanOrEqual(limit);
      },
    ), { numRuns: 150 });
  });

  it('a window found lazily (a limit per token) is shared once found, and a smaller limit given later wins', async () => {
    const time = fakeTime(0);
    const pool = new BudgetPool();
    const lazy = createRateBudget(async () => pool.get('token:abc', { limit: 5, windowMs: 1000 }), time);
    expect(lazy.usage()).toBeNull();
    await lazy.acquire();
    const eager = createRateBudget(pool.get('token:abc', { limit: 3, windowMs: 1000 }), time);
    await eager.acquire();
    expect(lazy.usage()).toEqual({ limit: 3, used: 2, windowMs: 1000 });
    expect(pool.size()).toBe(1);
  });
});
