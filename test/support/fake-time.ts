import { fixedClock } from '../../core/platform/clock.ts';

/**
 * Fake time for tests of anything that waits: `sleep(ms)` advances the fake clock by `ms` at once and records
 * the wait, so a long run of rate-budget waits and backoffs takes no real time.
 */
export function fakeTime(start = Date.UTC(2026, 0, 1)) {
  const clock = fixedClock(start);
  const sleeps: number[] = [];
  const sleep = async (ms: number): Promise<void> => {
    sleeps.push(ms);
    clock.advance(Math.max(0, ms));
    await Promise.resolve();
  };
  return { clock, sleep, sleeps };
}
