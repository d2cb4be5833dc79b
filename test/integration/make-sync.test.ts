import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../support/closed-after-each.ts';
import type { Fault } from '../fakes/faults.ts';
import type { PageFault } from '../fakes/make/handler.ts';
import { MAKE_TOKEN, makeHarness, makeTruthAndLedger, missingMakeErrors, type MakeHarness } from '../fakes/make/harness.ts';

// Fault matrix for the Make connector: the real driver, the real HTTP client (Core plan budget) and the real
// ingest path against the fake Make zone, on fake time. After every fault: the ledger equals the fake's truth.

const harness = closedAfterEach(makeHarness);

const MINUTE = 60_000;
const onLogs = (req: { url?: string }) => /\/logs\b/.test(req.url ?? '');
const onList = (req: { url?: string }) => /\/scenarios\?/.test(req.url ?? '');

function expectConverged(h: MakeHarness): void {
  const { truth, ledger, runs } = makeTruthAndLedger(h);
  expect(new Set(runs.map((r) => r.id)).size).toBe(runs.length);
  expect(ledger.length).toBe(truth.length);
  expect(ledger).toEqual(truth);
  expect(missingMakeErrors(h)).toEqual([]);
}

/** New runs between polls: finished ones and one still in progress per scenario, which finishes later. */
async function laterTraffic(h: MakeHarness): Promise<void> {
  await h.time.sleep(5 * MINUTE);
  const running = h.scenarios.slice(0, 2).map((s) => {
    h.fake.state.addLog(s.id, { status: 1, duration: 900 });
    h.fake.state.addLog(s.id, { status: 3, duration: 300, error: { name: 'DataError', message: 'Missing value of required parameter "email".', causeModule: { name: 'Create a Contact', appName: 'hubspotcrm' } } });
    return h.fake.state.addLog(s.id, { status: 0 });
  });
  const second = await h.loop.poll();
  expect(second.stoppedOn).toBeNull();
  expect(h.loop.runs().filter((r) => r.status === 'running').map((r) => r.id).sort()).toEqual(running.map((l) => `${l.scenarioId}:${l.id}`).sort());
  await h.time.sleep(2 * MINUTE);
  h.fake.state.finish(running[0]!.id, 1);
  h.fake.state.finish(running[1]!.id, 3, { error: { name: 'ConnectionError', message: 'Timed out after 40 s', causeModule: { name: 'Make a request', appName: 'http' } } });
  expect(await h.loop.refresh()).toBe(2);
}

type Case = { name: string; faults?: Fault[]; page?: PageFault; failure?: string };

const CASES: Case[] = [
  { name: '429 with Retry-After', faults: [{ kind: 'status-429', retryAfterS: 7, times: 2, match: onLogs }] },
  { name: '500, 502 and 503', faults: [{ kind: 'status-500', match: onList }, { kind: 'status-502', match: onLogs }, { kind: 'status-503', times: 2, match: onLogs }] },
  { name: 'a hanging request (timeout)', faults: [{ kind: 'hang', match: onLogs }] },
  { name: 'a truncated body', faults: [{ kind: 'truncate', match: onLogs }] },
  { name: 'a connection reset', faults: [{ kind: 'reset', match: onLogs }] },
  { name: 'malformed JSON', faults: [{ kind: 'malformed', match: onLogs }], failure: 'bad_response' },
  { name: 'an HTML login page', faults: [{ kind: 'html', match: onList }], failure: 'bad_response' },
  { name: 'a replayed (duplicated) logs page, twice', page: { kind: 'duplicate-page', times: 2 } },
  { name: 'logs pages answered in swapped order', page: { kind: 'swap-pages', times: 3 } },
  { name: 'a page replayed again and again (paging broken for a while)', page: { kind: 'duplicate-page', times: 5 }, failure: 'bad_response' },
  { name: 'everything at once', faults: [
    { kind: 'status-429', retryAfterS: 3, match: onLogs }, { kind: 'status-503', match: onLogs }, { kind: 'hang', match: onLogs },
    { kind: 'truncate', match: onLogs }, { kind: 'malformed', match: onLogs }, { kind: 'html', match: onLogs },
  ], page: { kind: 'duplicate-page', times: 2 }, failure: 'bad_response' },
];

describe('Make sync: fault matrix (ledger = truth: 0 lost, 0 doubled)', () => {
  it.each(CASES)('$name', async (c) => {
    const h = await harness();
    for (const f of c.faults ?? []) h.fake.faults.add(f);
    if (c.page) h.fake.handler.addPageFault(c.page);
    const first = await h.loop.poll();
    expect(first.stoppedOn).toBeNull();
    expect(h.fake.faults.injected.length).toBe((c.faults ?? []).reduce((n, f) => n + (f.times ?? 1), 0));
    if (c.page) expect(h.fake.handler.pageFaults.every((f) => f.left === 0)).toBe(true);
    if (c.failure) expect(first.failures.map((f) => f.kind)).toContain(c.failure);
    else expect(first.failures).toEqual([]);
    await laterTraffic(h);
    await h.loop.poll();
    expectConverged(h);
    expect(h.fake.state.limited).toBe(0);
  });
});

describe('Make sync: credentials, crashes, late runs', () => {
  it('surfaces a revoked token as an auth failure, ingests nothing more, and resumes once it is replaced', async () => {
    const h = await harness();
    h.fake.state.revokeAfter(MAKE_TOKEN, 3);
    const stopped = await h.loop.poll();
    expect(stopped.stoppedOn?.kind).toBe('auth');
    expect(stopped.stoppedOn?.status).toBe(401);
    expect(stopped.stoppedOn?.message).toBe('Credentials were rejected (401).');
    const before = h.loop.runs().length;
    expect(before).toBeLessThan(h.fake.state.truth().length);
    expect((await h.loop.poll()).stoppedOn?.kind).toBe('auth');
    expect(h.loop.runs().length).toBe(before);
    h.fake.state.restore(MAKE_TOKEN);
    expect((await h.loop.poll()).stoppedOn).toBeNull();
    expectConverged(h);
  });

  it('says plainly when no token is stored', async () => {
    const h = await harness();
    h.credential.token = null;
    const result = await h.loop.poll();
    expect(result.stoppedOn?.kind).toBe('auth');
    expect(result.stoppedOn?.message).toMatch(/No Make API token is stored/);
  });

  it('loses nothing when the app dies before a page is stored (replays from the stored cursor)', async () => {
    const h = await harness();
    for (let call = 0, done = false; !done; call += 1) {
      const page = await h.driver().listRuns(h.loop.cursor());
      if (call % 3 === 1) {
        h.restart();
        continue;
      }
      h.core.ingest({ connectorId: 'mk', records: page.records, cursor: page.cursor });
      done = !page.hasMore;
    }
    expectConverged(h);
  });

  it('re-reads nothing for quiet scenarios: a second poll costs one list request', async () => {
    const h = await harness();
    await h.loop.poll();
    const before = h.fake.state.arrivals.length;
    await h.time.sleep(5 * MINUTE);
    await h.loop.poll();
    expect(h.fake.state.arrivals.slice(before).map((a) => a.path.split('?')[0])).toEqual(['/api/v2/scenarios']);
    h.fake.state.addLog(h.scenarios[2]!.id, { status: 1 });
    await h.loop.poll();
    const paths = h.fake.state.arrivals.slice(before + 1).map((a) => a.path.split('?')[0]);
    expect(paths).toEqual(['/api/v2/scenarios', `/api/v2/scenarios/${h.scenarios[2]!.id}/logs`]);
    expectConverged(h);
  });

  it('reads a scenario that turned invalid or gained incomplete executions before the others', async () => {
    const h = await harness();
    await h.loop.poll();
    for (const s of h.scenarios) h.fake.state.addLog(s.id, { status: 1 });
    // A handled error stored as an incomplete execution (a warning): dlqCount moves (docs/vendors.md M6).
    h.fake.state.addLog(h.scenarios[3]!.id, { status: 2, error: { name: 'DataError', message: 'x', causeModule: { name: 'A', appName: 'b' } } });
    const before = h.fake.state.arrivals.length;
    await h.time.sleep(5 * MINUTE);
    await h.loop.poll();
    const logReads = h.fake.state.arrivals.slice(before).map((a) => /scenarios\/(\d+)\/logs/.exec(a.path)?.[1]).filter(Boolean);
    expect(logReads[0]).toBe(String(h.scenarios[3]!.id));
    expectConverged(h);
  });

  it('starts over cleanly from an unreadable cursor without doubling runs', async () => {
    const h = await harness();
    await h.loop.poll();
    h.core.ingest({ connectorId: 'mk', records: [], cursor: '{"v":1,"s":' });
    await h.loop.poll();
    expect(h.logger.lines.some((l) => /unreadable/.test(l.message))).toBe(true);
    expectConverged(h);
  });
});
