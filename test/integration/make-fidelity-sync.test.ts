import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HANDLED } from '../fakes/make/estate.ts';
import { makeHarness, makeTruthAndLedger, missingMakeErrors, type MakeHarness } from '../fakes/make/harness.ts';

// Issue 20, Make log fidelity (docs/vendors.md M3, M5, M6, M13): the real driver, HTTP client and ingest path against
// the fake Make zone on fake time.

const MINUTE = 60_000;
let h: MakeHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

function expectConverged(m: MakeHarness): void {
  const { truth, ledger } = makeTruthAndLedger(m);
  expect(ledger).toEqual(truth);
  expect(missingMakeErrors(m)).toEqual([]);
}

describe('Make /logs: check runs and change-log entries', () => {
  it('asks for trigger checks that found nothing (showCheckRuns=true) and ingests them as runs', async () => {
    h = await makeHarness({ estate: { scenarios: 2, logsPerScenario: 3 } });
    const checks = [1, 2, 3].map((k) => h!.fake.state.addCheckRun(h!.scenarios[0]!.id, h!.time.clock.now() - k * 15 * MINUTE));
    await h.loop.poll();
    const logReads = h.fake.state.arrivals.filter((a) => a.path.includes('/logs'));
    expect(logReads.length).toBeGreaterThan(0);
    expect(logReads.every((a) => /[?&]showCheckRuns=true/.test(a.path))).toBe(true);
    const ids = new Set(h.loop.runs().map((r) => r.id));
    expect(checks.every((c) => ids.has(`${c.scenarioId}:${c.id}`))).toBe(true);
    expectConverged(h);
  });

  it('skips change-log entries (type "modify", no status) without losing the page position', async () => {
    h = await makeHarness({ estate: { scenarios: 1, logsPerScenario: 40 } });
    const sid = h.scenarios[0]!.id;
    const now = h.time.clock.now();
    // More change entries than a logs page (50), interleaved with runs, so whole pages are mostly changes.
    for (let k = 1; k <= 70; k += 1) h.fake.state.addChange(sid, { action: 'edit', field: 'mapper' }, now - k * 5 * MINUTE - 30_000);
    await h.loop.poll();
    expectConverged(h);
    expect(h.loop.runs().every((r) => /^[0-3]$/.test(r.raw))).toBe(true);
    // Later: a scheduling change, then a run; the run is read, the change is not a run.
    await h.time.sleep(5 * MINUTE);
    h.fake.state.addChange(sid, { action: 'scheduling', scheduling: { type: 'indefinitely', interval: 600 } });
    h.fake.state.addLog(sid, { status: 1 });
    await h.loop.poll();
    expectConverged(h);
  });

  it('accepts log entries without a type, and says once per connector when an unknown type appears', async () => {
    h = await makeHarness({ estate: { scenarios: 1, logsPerScenario: 2 } });
    const sid = h.scenarios[0]!.id;
    const untyped = h.fake.state.addLog(sid, { status: 1 });
    delete (untyped as { type?: string }).type;
    h.fake.state.addLog(sid, { status: 1, type: 'teleport' });
    h.fake.state.addLog(sid, { status: 2, type: 'teleport' });
    await h.loop.poll();
    expectConverged(h);
    await h.time.sleep(5 * MINUTE);
    h.fake.state.addLog(sid, { status: 1, type: 'teleport' });
    await h.loop.poll();
    expectConverged(h);
    expect(h.logger.lines.filter((l) => /teleport/.test(JSON.stringify(l))).length).toBe(1);
  });
});

describe('Make handled errors (status 2) and incomplete executions', () => {
  it('fetches the error text of warnings as well as failures', async () => {
    h = await makeHarness({ estate: { scenarios: 1, logsPerScenario: 1 } });
    const sid = h.scenarios[0]!.id;
    const warned = h.fake.state.addLog(sid, { status: 2, error: HANDLED[0]! });
    const running = h.fake.state.addLog(sid, { status: 0 });
    await h.loop.poll();
    const byId = new Map(h.loop.runs().map((r) => [r.id, r]));
    expect(byId.get(`${sid}:${warned.id}`)).toMatchObject({ status: 'warning', error: `${HANDLED[0]!.name}: ${HANDLED[0]!.message}`, step: 'Iterator (builtin)' });
    h.fake.state.finish(running.id, 2, { error: HANDLED[1]! });
    expect(await h.loop.refresh()).toBe(1);
    expect(h.loop.runs().find((r) => r.id === `${sid}:${running.id}`)).toMatchObject({ status: 'warning', error: `${HANDLED[1]!.name}: ${HANDLED[1]!.message}` });
  });

  it('the fake counts incomplete executions for stored handled errors (warnings), not for plain failures', async () => {
    h = await makeHarness({ estate: { scenarios: 1, logsPerScenario: 0 } });
    const s = h.fake.state.scenarios.get(h.scenarios[0]!.id)!;
    h.fake.state.addLog(s.id, { status: 3, error: { name: 'DataError', message: 'x', causeModule: { name: 'A', appName: 'b' } } });
    expect(s.dlqCount).toBe(0);
    h.fake.state.addLog(s.id, { status: 2, error: HANDLED[1]! });
    expect(s.dlqCount).toBe(1);
    h.fake.state.addLog(s.id, { status: 2, error: HANDLED[0]!, stored: false });
    expect(s.dlqCount).toBe(1);
  });
});

describe('Make scenario list order', () => {
  it('sends an explicit stable sort, so a scenario moving up between pages is not skipped for a cycle', async () => {
    h = await makeHarness({ estate: { scenarios: 130, logsPerScenario: 1, spacingMs: MINUTE } });
    await h.loop.poll();
    const m = h;
    await m.time.sleep(5 * MINUTE);
    for (const s of m.scenarios) m.fake.state.addLog(s.id, { status: 1 });
    // Right after the first list page is read, the scenario last in Make's own order runs and jumps to the top.
    const handler = m.fake.handler;
    const handle = handler.handle.bind(handler);
    handler.handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
      handle(req, res, body);
      if (/^\/api\/v2\/scenarios\?/.test(req.url ?? '') && /pg%5Boffset%5D=0(&|$)/.test(req.url ?? '')) {
        const last = [...m.fake.state.scenarios.values()].sort((a, b) => a.rank - b.rank || a.id - b.id)[0]!;
        m.fake.state.addLog(last.id, { status: 1 });
      }
    };
    await m.loop.poll();
    const lists = m.fake.state.arrivals.filter((a) => /^\/api\/v2\/scenarios\?/.test(a.path));
    expect(lists.every((a) => /pg%5BsortBy%5D=id/.test(a.path) && /pg%5BsortDir%5D=asc/.test(a.path))).toBe(true);
    handler.handle = handle;
    expectConverged(m);
  });
});
