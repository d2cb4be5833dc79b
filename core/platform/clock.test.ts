import { describe, expect, it } from 'vitest';
import { fixedClock, offsetClock } from './clock.ts';

describe('offsetClock', () => {
  it('starts at the pinned instant and then moves exactly as the wall clock does', () => {
    const wall = fixedClock(Date.UTC(2031, 6, 4, 17, 5));
    const pinned = Date.UTC(2026, 2, 29, 1, 30);
    const clock = offsetClock(pinned, wall);
    expect(clock.now()).toBe(pinned);
    wall.advance(90_000);
    expect(clock.now()).toBe(pinned + 90_000);
    wall.advance(-1_000);
    expect(clock.now()).toBe(pinned + 89_000);
  });

  it('runs on the real wall clock by default', () => {
    const pinned = Date.UTC(2026, 2, 11, 10, 30);
    // Elapsed time on the monotonic clock: the bound holds on any date.
    const started = performance.now();
    const clock = offsetClock(pinned);
    const read = clock.now();
    expect(read).toBeGreaterThanOrEqual(pinned);
    expect(read).toBeLessThanOrEqual(pinned + Math.ceil(performance.now() - started));
  });
});
