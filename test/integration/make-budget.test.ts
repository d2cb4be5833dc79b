import { afterEach, describe, expect, it } from 'vitest';
import { trafficGenerator } from '../fakes/make/estate.ts';
import { makeHarness, makeTruthAndLedger, missingMakeErrors, type MakeHarness } from '../fakes/make/harness.ts';

// ACCEPTANCE: against a fake Make organisation limited to 60 requests/min, Flowdeck never exceeds the budget over
// a long simulated sync (fake clock), and still converges. The fake answers 429 past 60 requests in any sliding
// minute; the test also checks the recorded request times itself.

const MINUTE = 60_000;
let h: MakeHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('Make: the organisation rate budget (Core plan, 60 requests/min)', () => {
  it('never exceeds 60 requests in any minute over a long sync of 40 busy scenarios, and converges', async () => {
    h = await makeHarness({ estate: { scenarios: 40, logsPerScenario: 400, spacingMs: 10 * MINUTE, failureRate: 0.05, seed: 11 } });
    const state = h.fake.state;
    const traffic = trafficGenerator(state, h.scenarios, { everyMs: 15 * MINUTE, runningMs: 7 * MINUTE, seed: 5, failureRate: 0.1 });
    h.hooks.beforeCall = () => traffic.advance();
    const start = h.time.clock.now();
    const history = state.truth().length;

    const first = await h.loop.poll();
    expect(first.stoppedOn).toBeNull();
    const firstSyncMin = (h.time.clock.now() - start) / MINUTE;
    const firstSyncRequests = state.arrivals.length;

    // Two more simulated hours of traffic, polled every 2 minutes with in-progress runs re-polled.
    while (h.time.clock.now() < start + 120 * MINUTE + firstSyncMin * MINUTE) {
      await h.time.sleep(2 * MINUTE);
      traffic.advance();
      expect((await h.loop.poll()).stoppedOn).toBeNull();
      await h.loop.refresh();
    }
    traffic.settle();
    h.hooks.beforeCall = null;
    await h.time.sleep(2 * MINUTE);
    await h.loop.poll();
    await h.loop.refresh();
    await h.loop.poll();

    const { truth, ledger } = makeTruthAndLedger(h);
    const peak = state.maxInAnyWindow(MINUTE);
    const totalMin = (h.time.clock.now() - start) / MINUTE;
    console.log(`[make-budget] history ${history} logs in 40 scenarios + ${traffic.created} new runs; first sync ${firstSyncRequests} requests in ${firstSyncMin.toFixed(1)} simulated min; `
      + `total ${state.arrivals.length} requests over ${totalMin.toFixed(1)} simulated min; peak ${peak} requests in any 60 s; 429s answered ${state.limited}; `
      + `ledger ${ledger.length} runs / truth ${truth.length}; failed runs with error text ${truth.filter((t) => t.status === 'failed').length - missingMakeErrors(h).length}`);

    expect(peak).toBeLessThanOrEqual(60);
    expect(state.limited).toBe(0);
    expect(ledger).toEqual(truth);
    expect(missingMakeErrors(h)).toEqual([]);
    expect(firstSyncRequests).toBeGreaterThan(300);
    expect(firstSyncMin).toBeGreaterThan(5);
  });

  it('the fake really enforces the limit: a budget above the real limit meets 429s, and the sync still converges', async () => {
    h = await makeHarness({ plan: 'enterprise', estate: { scenarios: 10, logsPerScenario: 200, spacingMs: 10 * MINUTE, failureRate: 0.05, seed: 3 } });
    await h.loop.poll();
    expect(h.fake.state.limited).toBeGreaterThan(0);
    expect(h.fake.state.maxInAnyWindow(MINUTE)).toBeGreaterThan(60);
    const { truth, ledger } = makeTruthAndLedger(h);
    expect(ledger).toEqual(truth);
  });
});
