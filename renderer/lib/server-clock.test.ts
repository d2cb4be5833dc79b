import { describe, expect, it } from 'vitest';
import { createServerClock } from './server-clock.ts';

/** A window clock that a test moves by hand. */
function windowClock(start: number) {
  let t = start;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

const CORE_NOW = Date.UTC(2026, 2, 11, 10, 30);
const BROWSER_NOW = Date.UTC(2031, 6, 4, 17, 5);

describe('server clock', () => {
  it('is the window\'s own clock until the core has answered', () => {
    const local = windowClock(BROWSER_NOW);
    const clock = createServerClock(local.now);
    expect(clock.known()).toBe(false);
    expect(clock.now()).toBe(BROWSER_NOW);
  });

  it('takes the core\'s reading at the round trip\'s midpoint and then runs with the window\'s clock', async () => {
    const local = windowClock(BROWSER_NOW);
    const clock = createServerClock(local.now);
    let changes = 0;
    clock.subscribe(() => { changes += 1; });
    await clock.sync(async () => {
      local.advance(100);
      const answer = { now: CORE_NOW };
      local.advance(100);
      return answer;
    });
    expect(clock.known()).toBe(true);
    expect(changes).toBe(1);
    // The core answered 100 ms into the 200 ms round trip, so the core is 100 ms ahead of what it said by now.
    expect(clock.now()).toBe(CORE_NOW + 100);
    local.advance(5 * 60_000);
    expect(clock.now()).toBe(CORE_NOW + 100 + 5 * 60_000);
  });

  it('relearns the offset at a later connection (a clock that was corrected meanwhile)', async () => {
    const local = windowClock(BROWSER_NOW);
    const clock = createServerClock(local.now);
    await clock.sync(async () => ({ now: CORE_NOW }));
    local.advance(-3_600_000);
    expect(clock.now()).toBe(CORE_NOW - 3_600_000);
    await clock.sync(async () => ({ now: CORE_NOW + 1_000 }));
    expect(clock.now()).toBe(CORE_NOW + 1_000);
  });

  it('falls back to the window\'s clock when the first reading fails, and keeps a known offset on a later failure', async () => {
    const local = windowClock(BROWSER_NOW);
    const clock = createServerClock(local.now);
    await clock.sync(() => Promise.reject(new Error('The connection to the Flowdeck core was lost.')));
    expect(clock.known()).toBe(true);
    expect(clock.now()).toBe(BROWSER_NOW);
    await clock.sync(async () => ({ now: CORE_NOW }));
    expect(clock.now()).toBe(CORE_NOW);
    await clock.sync(() => Promise.reject(new Error('lost')));
    await clock.sync(async () => ({}));
    expect(clock.now()).toBe(CORE_NOW);
  });
});
