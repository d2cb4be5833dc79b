import { auditActorOf } from '../../core/contract/actor.ts';
import { describe, expect, it } from 'vitest';
import { HttpFailure } from '../../core/platform/http/types.ts';
import { listRunCalls, ScriptedVendor, harnessesForFile, syncState, T0, type SchedulerHarness } from './helpers/scripted-driver.ts';
import { ledgerDb } from '../../core/store/ledger-db.ts';

const S = 1000;
const MIN = 60 * S;

const harnesses = harnessesForFile();
const start = harnesses.start;
const state = syncState;
/** Time from the last poll to the next one. */
const gap = (hh: SchedulerHarness, id: string) => state(hh, id).nextPollAt! - state(hh, id).lastPollAt!;
/** Lets pending promise callbacks run (no time passes). */
const flush = () => new Promise<void>((resolve) => { setImmediate(resolve); });

describe('scheduler cadence', () => {
  it('polls a new connector at once, then every 2 min while active, and every 10 min once idle', async () => {
    const vendor = new ScriptedVendor().add({ id: 1, workflow: 'a', status: 'success', startedAt: T0 - MIN });
    const hh = start(vendor);
    const id = await hh.addConnector('prod');
    await hh.advance(0);
    expect(listRunCalls(vendor)).toHaveLength(1);
    expect(hh.core.ledger.runs.count()).toBe(1);
    expect(state(hh, id).nextPollAt).toBe(T0 + 2 * MIN);

    await hh.advance(2 * MIN - 1);
    expect(listRunCalls(vendor)).toHaveLength(1);
    await hh.advance(1);
    expect(listRunCalls(vendor)).toHaveLength(2);

    // No new run for an hour: the cadence drops to 10 minutes.
    await hh.advance(60 * MIN);
    const before = listRunCalls(vendor).length;
    await hh.advance(10 * MIN);
    expect(listRunCalls(vendor).length - before).toBe(1);
    expect(gap(hh, id)).toBe(10 * MIN);

    // Activity brings it back to normal.
    vendor.add({ id: 2, workflow: 'a', status: 'success', startedAt: hh.clock.now() });
    await hh.advance(10 * MIN);
    expect(gap(hh, id)).toBe(2 * MIN);
  });

  it('polls every 30 s while runs are in flight or a workflow is failing, and re-polls unfinished runs', async () => {
    const vendor = new ScriptedVendor().add({ id: 1, workflow: 'a', status: 'running', startedAt: T0 - S });
    const hh = start(vendor);
    const id = await hh.addConnector('prod');
    await hh.advance(0);
    expect(state(hh, id).nextPollAt).toBe(T0 + 30 * S);

    vendor.runs[0]!.status = 'success';
    await hh.advance(30 * S);
    expect(vendor.calls.filter((c) => c.op === 'refreshRuns').map((c) => c.arg)).toEqual([['1']]);
    const run = hh.core.ledger.runs.list({}, null, 10).items[0]!;
    expect(run.status).toBe('success');
    expect(state(hh, id).nextPollAt! - hh.clock.now()).toBe(2 * MIN);

    vendor.add({ id: 2, workflow: 'a', status: 'failed', startedAt: hh.clock.now() });
    await hh.advance(2 * MIN);
    expect(state(hh, id).nextPollAt! - hh.clock.now()).toBe(30 * S);
  });

  it('reads the workflow list on the first poll and then every 15 minutes, storing the definitions', async () => {
    const vendor = new ScriptedVendor();
    vendor.workflows = [{ externalId: 'a', name: 'Orders', active: true, archived: false, definition: { nodes: [1] }, vendorVersionId: 'v1', updatedAt: T0, tags: ['shop'], deepLink: 'https://n8n.example.test/workflow/a' }];
    const hh = start(vendor);
    await hh.addConnector('prod');
    await hh.advance(14 * MIN);
    expect(vendor.calls.filter((c) => c.op === 'listWorkflows')).toHaveLength(1);
    await hh.advance(2 * MIN);
    expect(vendor.calls.filter((c) => c.op === 'listWorkflows')).toHaveLength(2);
    const row = ledgerDb(hh.core.ledger).prepare('SELECT name, definition_json AS d, vendor_version_id AS v, tags_json AS t, deep_link AS l FROM workflows').get();
    expect(row).toEqual({ name: 'Orders', d: '{"nodes":[1]}', v: 'v1', t: '["shop"]', l: 'https://n8n.example.test/workflow/a' });
  });
});

describe('scheduler paging, cursor and first sync', () => {
  it('retries a first page that failed from the start, then pages through with the stored cursor', async () => {
    const vendor = new ScriptedVendor();
    for (let i = 1; i <= 7; i++) vendor.add({ id: i, workflow: 'a', status: 'success', startedAt: T0 - i * MIN });
    vendor.failNext('listRuns', new HttpFailure('server', 'HTTP 502', { status: 502 }));
    const hh = start(vendor);
    const id = await hh.addConnector('prod');
    await hh.advance(0);
    expect(state(hh, id).health).toBe('degraded');
    expect(hh.core.ledger.runs.count()).toBe(0);
    await hh.advance(30 * S);
    expect(hh.core.ledger.runs.count()).toBe(7);
    expect(state(hh, id).cursor).toBe('after:7');
    expect(listRunCalls(vendor).map((c) => c.arg)).toEqual([null, null, 'after:3', 'after:6']);
  });

  it('keeps page 1 (runs and cursor) when page 2 fails', async () => {
    const vendor = new ScriptedVendor();
    for (let i = 1; i <= 7; i++) vendor.add({ id: i, workflow: 'a', status: 'success', startedAt: T0 - i * MIN });
    const hh = start(vendor);
    const original = vendor.driver.bind(vendor);
    let pages = 0;
    vendor.driver = (deps) => {
      const d = original(deps);
      return { ...d, listRuns: async (c) => { if (++pages === 2) throw new HttpFailure('timeout', 'no answer'); return d.listRuns(c); } };
    };
    const id = await hh.addConnector('prod');
    await hh.advance(0);
    expect(hh.core.ledger.runs.count()).toBe(3);
    expect(state(hh, id).cursor).toBe('after:3');
    await hh.advance(30 * S);
    expect(hh.core.ledger.runs.count()).toBe(7);
  });

  it('reports first-sync progress page by page and marks the sync done', async () => {
    const vendor = new ScriptedVendor();
    for (let i = 1; i <= 8; i++) vendor.add({ id: i, workflow: 'a', status: 'success', startedAt: T0 - i * MIN });
    const hh = start(vendor);
    const id = await hh.addConnector('prod');
    await hh.advance(0);
    const progress = hh.events.filter((e) => e.name === 'sync/progressed').map((e) => e.payload);
    expect(progress).toEqual([
      { connectorId: id, runsIngested: 3, pages: 1, done: false },
      { connectorId: id, runsIngested: 6, pages: 2, done: false },
      { connectorId: id, runsIngested: 8, pages: 3, done: false },
      { connectorId: id, runsIngested: 8, pages: 3, done: true },
    ]);
    expect(state(hh, id)).toMatchObject({ firstSyncDone: true, runsIngested: 8 });
    await hh.advance(2 * MIN);
    expect(hh.events.filter((e) => e.name === 'sync/progressed')).toHaveLength(4);
  });

  it('yields after maxPagesPerCycle and comes back a second later; pollOnce reads everything', async () => {
    const vendor = new ScriptedVendor();
    vendor.pageSize = 1;
    for (let i = 1; i <= 45; i++) vendor.add({ id: i, workflow: 'a', status: 'success', startedAt: T0 - i * MIN });
    const hh = start(vendor);
    const id = await hh.addConnector('prod');
    await hh.advance(0);
    expect(hh.core.ledger.runs.count()).toBe(20);
    expect(state(hh, id).nextPollAt).toBe(T0 + S);
    await hh.advance(S);
    expect(hh.core.ledger.runs.count()).toBe(40);
    const outcome = await hh.core.connectors.scheduler.pollOnce(id);
    expect(outcome).toMatchObject({ ok: true, runsIngested: 5, pages: 5 });
    expect(hh.core.ledger.runs.count()).toBe(45);
  });
});

describe('scheduler concurrency and pause', () => {
  it('never runs more than the cap at once and still polls every connector', async () => {
    const vendor = new ScriptedVendor().add({ id: 1, workflow: 'a', status: 'success', startedAt: T0 });
    let release!: () => void;
    vendor.gate = new Promise((resolve) => { release = resolve; });
    const hh = harnesses.build(vendor, { concurrency: 4 });
    for (let i = 0; i < 10; i++) await hh.addConnector(`c${i}`);
    hh.core.connectors.scheduler.start();
    try {
      await hh.timers.advance(10 * S, flush);
      expect(vendor.inFlight).toBe(4);
    } finally {
      vendor.gate = null;
      release();
    }
    await hh.advance(0);
    expect(vendor.maxInFlight).toBe(4);
    expect(new Set(listRunCalls(vendor).map((c) => c.connectorId)).size).toBe(10);
    expect(hh.core.ledger.runs.count()).toBe(10);
  });

  it('stops polling a paused connector and polls at once when it is resumed', async () => {
    const vendor = new ScriptedVendor();
    const hh = start(vendor);
    const id = await hh.addConnector('prod');
    await hh.advance(0);
    expect(hh.core.connectors.service.setPaused(id, true, auditActorOf({ actor: 'alice' })).ok).toBe(true);
    expect(state(hh, id)).toMatchObject({ paused: true, health: 'paused', nextPollAt: null });
    await hh.advance(30 * MIN);
    expect(listRunCalls(vendor)).toHaveLength(1);
    hh.core.connectors.service.setPaused(id, false, auditActorOf({ actor: 'bob' }));
    await hh.advance(0);
    expect(listRunCalls(vendor)).toHaveLength(2);
    expect(state(hh, id).health).toBe('ok');
    const audit = hh.core.ledger.audit.list(undefined, 10).map((a) => [a.actor, a.action]);
    expect(audit).toContainEqual(['alice', 'connectors/pause-connector']);
    expect(audit).toContainEqual(['bob', 'connectors/resume-connector']);
  });

  it('spreads connectors over the start window and leaves no timer once stopped', async () => {
    const vendor = new ScriptedVendor();
    const hh = harnesses.build(vendor);
    const id = await hh.addConnector('prod');
    await hh.core.connectors.scheduler.pollOnce(id);
    hh.core.connectors.scheduler.start();
    expect(hh.core.connectors.scheduler.nextPollAt(id)).toBe(T0 + 2500);
    await hh.core.connectors.scheduler.stop();
    expect(hh.timers.armed).toBe(0);
    await hh.advance(60 * MIN);
    expect(listRunCalls(vendor)).toHaveLength(1);
  });
});
