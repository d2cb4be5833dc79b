/** Time seam: production reads the wall clock; tests pass a fixed or stepping clock. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function fixedClock(start: number): Clock & { set(ms: number): void; advance(ms: number): void } {
  let t = start;
  return { now: () => t, set: (ms) => { t = ms; }, advance: (ms) => { t += ms; } };
}

/**
 * A clock that reads `startAt` when created and then runs at real speed (the demo pinned to an instant, e.g. for
 * end-to-end tests). Real timers stay right with it: a delay of N ms still passes N ms of this clock.
 */
export function offsetClock(startAt: number, wall: Clock = systemClock): Clock {
  const offset = startAt - wall.now();
  return { now: () => wall.now() + offset };
}
