import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import type { WorkflowStateKind } from '../../core/contract/states.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { createSecretStore } from '../../core/platform/secrets/index.ts';
import type { WorkflowUpsert } from '../../core/store/connector-sync-repo.ts';
import { trayState } from '../../core/desktop/tray-state.ts';
import { CATCH_UP_GRACE_MS } from '../../core/alerts/evaluate.ts';
import { CHECK_CRITICAL, checkCode, statusWorkflows } from '../../core/cli/status-states.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** A pinned instant: nothing here reads the wall clock. */
const T0 = Date.UTC(2026, 2, 11, 10, 30);

type Clock = ReturnType<typeof fixedClock>;
const cores: Core[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open(dataDir: string, clock: Clock): Core {
  const core = createCore({ dataDir, clock, logger: createMemoryLogger(), connectors: { secrets: createSecretStore({ kind: 'memory' }) } });
  cores.push(core);
  return core;
}

const listed = (externalId: string, active = true): WorkflowUpsert => ({
  externalId, name: `Workflow ${externalId}`, active, archived: false, definition: { id: externalId }, vendorVersionId: null, updatedAt: null, tags: [], deepLink: null,
});

function polled(core: Core, connectorId: string, at: number): void {
  core.connectors.repo.recordPoll(connectorId, { at, nextPollAt: null, ok: true, error: null, consecutiveFailures: 0, runsInserted: 0, firstSyncDone: true });
}

let seq = 0;
function run(core: Core, connectorId: string, wf: string, status: 'success' | 'failed', at: number, error = 'boom'): void {
  core.ingest({ connectorId, cursor: null, records: [{
    externalId: `r${++seq}`, workflow: { externalId: wf, name: `Workflow ${wf}` }, rawStatus: status, status, startedAt: at, finishedAt: at + 1000, durationMs: 1000,
    errorMessage: status === 'failed' ? error : null, failingStep: status === 'failed' ? 'Gmail' : null,
  }] });
}

async function call<M extends Parameters<Core['dispatcher']['dispatch']>[0]>(core: Core, method: M, input: unknown) {
  const r = await core.dispatcher.dispatch(method, input as never, { actor: 'owner' });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.output;
}

const hourly = { kind: 'interval' as const, everyMinutes: 60 };
async function expectSchedule(core: Core, workflowId: number, schedule: typeof hourly | null) {
  await call(core, 'registry/save-metadata', { workflowId, metadata: { owner: null, purpose: null, runbook: null, environment: null, criticality: null, tags: [], expectedSchedule: schedule } });
}

/** An estate whose truth is known: one workflow per state, and a connector whose key was revoked. */
async function estate(clock: Clock) {
  const core = open(':memory:', clock);
  const t = clock.now();
  core.ledger.connectors.create({ id: 'c1', kind: 'n8n', name: 'n8n' }, t - 30 * DAY);
  core.ledger.connectors.create({ id: 'c2', kind: 'make', name: 'Make' }, t - 30 * DAY);
  core.ledger.connectors.create({ id: 'p1', kind: 'push', name: 'Heartbeats' }, t - 30 * DAY);
  core.connectors.repo.upsertWorkflows('c1', ['failing', 'silent', 'events', 'vendor-off', 'we-paused', 'never'].map((x) => listed(x)), t - 30 * DAY);
  core.connectors.repo.upsertWorkflows('c2', [listed('blind')], t - 30 * DAY);
  for (let i = 29; i >= 0; i--) run(core, 'c1', 'failing', i === 29 ? 'success' : 'failed', t - (i + 1) * 5 * MIN, 'invalid_grant: Token has been expired or revoked');
  run(core, 'c1', 'silent', 'success', t - 3 * DAY);
  run(core, 'c1', 'events', 'success', t - 5 * DAY);
  run(core, 'c1', 'vendor-off', 'success', t - 2 * HOUR);
  run(core, 'c1', 'we-paused', 'success', t - 2 * HOUR);
  run(core, 'c2', 'blind', 'success', t - 3 * DAY);
  run(core, 'p1', 'backup', 'success', t - HOUR - 2 * MIN);
  const id = (x: string) => core.ledger.workflows.list().find((w) => w.externalId === x)!.id;
  for (const x of ['silent', 'blind', 'backup']) await expectSchedule(core, id(x), hourly);
  // Switched off on n8n (seen at a poll), and from Flowdeck by alice.
  core.connectors.repo.upsertWorkflows('c1', [listed('vendor-off', false)], t - HOUR);
  core.connectors.repo.setWorkflowActive(id('we-paused'), false, t - HOUR, 'alice');
  // Make rejects the key now.
  core.ledger.connectors.setHealth('c2', 'needs_attention', 'Make rejected the API token (401). Create a new API token in Make and paste it in Connectors.');
  await call(core, 'alerts/save-rule', { rule: { name: 'Any failure', scope: { kind: 'all' }, condition: { kind: 'any_failure' } } });
  await call(core, 'alerts/save-rule', { rule: { name: 'Missed run', scope: { kind: 'all' }, condition: { kind: 'missed_run', schedule: { kind: 'auto' }, graceMinutes: 5 } } });
  polled(core, 'c1', t - MIN);
  return { core, id };
}

const TRUTH: Record<string, WorkflowStateKind> = {
  failing: 'failing', silent: 'missed', events: 'ok', 'vendor-off': 'paused', 'we-paused': 'paused', never: 'never-run', blind: 'unknown', backup: 'late',
};

describe('one live state per workflow: every surface agrees', () => {
  it('derives the known truth of each workflow, worst first, with its reason', async () => {
    const clock = fixedClock(T0);
    const { core } = await estate(clock);
    const out = await call(core, 'workflows/list-states', {}) as Awaited<ReturnType<Core['states']['list']>>;
    const byExt = new Map(out.workflows.map((w) => [w.externalId, w]));
    expect(Object.fromEntries([...byExt].map(([k, v]) => [k, v.state]))).toEqual(TRUTH);
    expect(out.needsAttention).toBe(5); // failing, missed, paused by n8n, unknown, late
    expect(out.counts).toMatchObject({ failing: 1, missed: 1, paused: 2, unknown: 1, late: 1, 'never-run': 1, ok: 1 });
    expect(out.workflows.map((w) => w.state).slice(0, 2)).toEqual(['missed', 'failing']);
    const failing = byExt.get('failing')!;
    expect(failing).toMatchObject({ streak: 29, lastError: 'invalid_grant: Token has been expired or revoked', failingStep: 'Gmail', since: T0 - 145 * MIN });
    expect(failing.reason).toMatch(/^29 runs in a row failed, for 2 h: invalid_grant/);
    expect(byExt.get('vendor-off')).toMatchObject({ pausedBy: 'vendor', attention: true });
    expect(byExt.get('we-paused')).toMatchObject({ pausedBy: 'flowdeck', pausedActor: 'alice', attention: false });
    expect(byExt.get('events')!.reason).toContain('set an expected schedule');
    expect(byExt.get('blind')!.cause).toMatchObject({ kind: 'connector', connectorId: 'c2' });
    expect(out.causes).toHaveLength(1);
  });

  it('incidents follow the states: one per failing, missed and vendor-switched-off workflow, one for the blind connector, none for the rest', async () => {
    const clock = fixedClock(T0);
    const { core, id } = await estate(clock);
    core.alerting.engine.evaluate();
    const open = core.alerting.store.incidents.list('active', 100);
    const byTarget = new Map(open.map((i) => [i.target, i]));
    expect([...byTarget.keys()].sort()).toEqual([`workflow:${id('failing')}`, `workflow:${id('silent')}`, `workflow:${id('vendor-off')}`, 'connector:c2'].sort());
    // 29 failures in a row is not a warning.
    expect(byTarget.get(`workflow:${id('failing')}`)!.severity).toBe('critical');
    expect(byTarget.get(`workflow:${id('vendor-off')}`)!.summary).toMatch(/^Switched off in n8n, not by Flowdeck/);
    expect(byTarget.get('connector:c2')!.summary).toMatch(/Make rejected the API token/);
  });

  it('a workflow switched back on on the vendor closes its incident; one switched off from Flowdeck never alerts', async () => {
    const clock = fixedClock(T0);
    const { core, id } = await estate(clock);
    core.alerting.engine.evaluate();
    clock.advance(MIN);
    core.connectors.repo.upsertWorkflows('c1', [listed('vendor-off', true)], clock.now());
    polled(core, 'c1', clock.now());
    core.alerting.engine.evaluate();
    const incident = core.alerting.store.incidents.list('all', 100).find((i) => i.target === `workflow:${id('vendor-off')}`)!;
    expect(incident.status).toBe('resolved');
    expect(core.alerting.store.incidents.list('all', 100).some((i) => i.target === `workflow:${id('we-paused')}`)).toBe(false);
  });
});

describe('every surface derives from the one state', () => {
  it('tray, status --json and --check, registry health and SLA all tell the same truth', async () => {
    const clock = fixedClock(T0);
    const { core, id } = await estate(clock);
    core.alerting.engine.evaluate();
    const states = core.states.list(clock.now());
    const truthOf = (ext: string) => TRUTH[ext];

    // Tray: what is broken now makes it red, and its tooltip counts the same states.
    const tray = trayState({ states, activeSeverities: core.alerting.store.incidents.list('active', 100).map((i) => i.severity), connectorsNeedingAttention: 0, pausedUntil: null });
    expect(tray.health).toBe('failing');
    expect(tray.summary).toMatch(/^Flowdeck: 1 failing, 1 missed, 1 switched off, 1 unknown, 1 late/);

    // status --json and --check.
    const json = statusWorkflows(states);
    expect(Object.fromEntries(json.map((w) => [w.externalId, w.state]))).toEqual(TRUTH);
    expect(json.filter((w) => w.attention)).toHaveLength(states.needsAttention);
    expect(json.find((w) => w.externalId === 'failing')!.lastError).toBe('invalid_grant: Token has been expired or revoked');
    expect(checkCode(states.workflows)).toBe(CHECK_CRITICAL);

    // Registry health: never high while failing, missed or switched off by the vendor; not scored while unknown.
    const registry = await call(core, 'registry/list-entries', { includeArchived: false }) as { items: { workflowId: number; health: number; healthCap: { max: number | null } | null }[] };
    const health = (ext: string) => registry.items.find((r) => r.workflowId === id(ext))!;
    for (const ext of ['failing', 'silent']) expect(health(ext).health, ext).toBeLessThanOrEqual(40);
    expect(health('vendor-off').health).toBeLessThanOrEqual(50);
    expect(health('blind').healthCap).toMatchObject({ max: null });
    for (const ext of ['events', 'we-paused']) expect(health(ext).healthCap, ext).toBeNull();

    // SLA: the scheduled job that went silent misses runs; the event-driven one never does.
    const sla = await call(core, 'monitoring/get-sla', { from: T0 - 7 * DAY, to: T0 }) as { rows: { workflowId: number; basis: string; missedRuns: number }[] };
    const row = (ext: string) => sla.rows.find((r) => r.workflowId === id(ext));
    expect(row('silent')!.missedRuns).toBeGreaterThan(0);
    expect(row('events')).toMatchObject({ basis: 'observed', missedRuns: 0 });
    expect(truthOf('events')).toBe('ok');
  });
});

describe('Flowdeck was off for days', () => {
  it('reopened after 12 days: one incident for the gap, its workflows unknown beneath it, no missed run until it caught up', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'flowdeck-live-'));
    dirs.push(dir);
    const clock = fixedClock(T0);
    let core = open(dir, clock);
    core.ledger.connectors.create({ id: 'c1', kind: 'n8n', name: 'n8n' }, T0 - DAY);
    core.connectors.repo.upsertWorkflows('c1', ['a', 'b', 'c'].map((x) => listed(x)), T0 - DAY);
    for (const x of ['a', 'b', 'c']) run(core, 'c1', x, 'success', T0 - 10 * MIN);
    const ids = core.ledger.workflows.list().map((w) => w.id);
    for (const wid of ids) await expectSchedule(core, wid, hourly);
    await call(core, 'alerts/save-rule', { rule: { name: 'Missed run', scope: { kind: 'all' }, condition: { kind: 'missed_run', schedule: { kind: 'auto' }, graceMinutes: 5 } } });
    polled(core, 'c1', T0);
    core.states.heartbeat(T0);
    core.close();
    cores.length = 0;

    clock.set(T0 + 12 * DAY);
    core = open(dir, clock);
    const states = core.states.list(clock.now());
    expect(states.workflows.map((w) => w.state)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(states.causes).toEqual([expect.objectContaining({ kind: 'offline', from: T0, to: T0 + 12 * DAY })]);
    // A restart that catches up within minutes is no incident; one that does not catch up is, once.
    core.alerting.engine.evaluate();
    expect(core.alerting.store.incidents.list('active', 100)).toEqual([]);
    clock.advance(CATCH_UP_GRACE_MS);
    core.alerting.engine.evaluate();
    const open1 = core.alerting.store.incidents.list('active', 100);
    expect(open1.map((i) => i.target)).toEqual(['flowdeck:offline']);
    expect(open1[0]!.summary).toMatch(/not running for 12 days/);

    // The connector catches up: the schedules are judged again, on what the vendor shows.
    clock.advance(MIN);
    run(core, 'c1', 'a', 'success', clock.now() - 30 * MIN);
    polled(core, 'c1', clock.now());
    core.alerting.engine.evaluate();
    const after = core.states.list(clock.now());
    expect(after.workflows.map((w) => [w.externalId, w.state])).toEqual([['b', 'missed'], ['c', 'missed'], ['a', 'ok']]);
    const active = core.alerting.store.incidents.list('active', 100).map((i) => i.target).sort();
    expect(active).toEqual(ids.slice(1).map((wid) => `workflow:${wid}`).sort());
  });
});

describe('heartbeat monitors: the Healthchecks model', () => {
  it('a monitor created with a period and grace is late past its period, missed past its grace, and says so on the monitor', async () => {
    const clock = fixedClock(T0);
    const core = open(':memory:', clock);
    const added = await call(core, 'connectors/add-push-connector', { name: 'Cron jobs' }) as { connector: { id: string } };
    const connectorId = added.connector.id;
    const created = await call(core, 'push/create-monitor', { connectorId, slug: 'nightly-backup', name: 'Nightly backup',
      expected: { kind: 'interval', everyMinutes: 60, graceMinutes: 10 } }) as { ok: true; monitor: { expected: unknown } };
    expect(created.monitor.expected).toEqual({ kind: 'interval', everyMinutes: 60, graceMinutes: 10 });
    run(core, connectorId, 'nightly-backup', 'success', T0);
    const stateAt = (t: number) => {
      clock.set(t);
      return core.states.list(t).workflows.find((w) => w.externalId === 'nightly-backup')!;
    };
    expect(stateAt(T0 + 59 * MIN).state).toBe('ok');
    const late = stateAt(T0 + 65 * MIN);
    expect(late).toMatchObject({ state: 'late', expectation: { source: 'registry', label: 'every hour', dueAt: T0 + HOUR, graceMs: 10 * MIN } });
    expect(stateAt(T0 + 71 * MIN)).toMatchObject({ state: 'missed', since: T0 + HOUR });
    const listed = await call(core, 'push/list-monitors', { connectorId }) as { ok: true; items: { expected: unknown }[] };
    expect(listed.items[0]!.expected).toEqual({ kind: 'interval', everyMinutes: 60, graceMinutes: 10 });
  });
});
