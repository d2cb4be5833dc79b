// Health scores cannot say "fine" about what is broken now (issue 12): the registry's per-workflow health and its
// overall health follow each workflow's live state, and say why.
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import type { RegistryRow } from '../../core/contract/registry.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { createSecretStore } from '../../core/platform/secrets/index.ts';
import type { WorkflowUpsert } from '../../core/store/connector-sync-repo.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** A pinned instant: nothing here reads the wall clock. */
const T = Date.UTC(2026, 4, 19, 8, 15);

const cores: Core[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
});

const listed = (externalId: string, active = true): WorkflowUpsert => ({
  externalId, name: `Ops – Workflow ${externalId}`, active, archived: false, definition: { id: externalId }, vendorVersionId: null, updatedAt: null, tags: [], deepLink: null,
});

async function call(core: Core, method: string, input: unknown): Promise<unknown> {
  const r = await core.dispatcher.dispatch(method as never, input as never, { actor: 'owner' });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.output;
}

/** One n8n connector (polled a minute ago) and a Make connector whose key was rejected. */
async function estate(): Promise<{ core: Core; id: (x: string) => number }> {
  const core = createCore({ dataDir: ':memory:', clock: fixedClock(T), logger: createMemoryLogger(), connectors: { secrets: createSecretStore({ kind: 'memory' }) } });
  cores.push(core);
  core.ledger.connectors.create({ id: 'c1', kind: 'n8n', name: 'n8n' }, T - 30 * DAY);
  core.ledger.connectors.create({ id: 'c2', kind: 'make', name: 'Make' }, T - 30 * DAY);
  core.connectors.repo.upsertWorkflows('c1', ['fine', 'failing', 'silent', 'vendor-off', 'we-paused'].map((x) => listed(x)), T - 30 * DAY);
  core.connectors.repo.upsertWorkflows('c2', [listed('blind')], T - 30 * DAY);
  let seq = 0;
  const run = (connectorId: string, wf: string, ok: boolean, at: number) => core.ingest({ connectorId, cursor: null, records: [{
    externalId: `r${++seq}`, workflow: { externalId: wf, name: `Ops – Workflow ${wf}` }, rawStatus: ok ? 'success' : 'error', status: ok ? 'success' : 'failed',
    startedAt: at, finishedAt: at + 1000, durationMs: 1000, errorMessage: ok ? null : 'invalid_grant', failingStep: null }] });
  // "failing": 40 good runs over the week, then the last 2 failed: a 5 % failure rate would score it 95.
  for (let i = 41; i >= 0; i--) run('c1', 'failing', i >= 2, T - i * 3 * HOUR - MIN);
  for (const x of ['fine', 'vendor-off', 'we-paused']) run('c1', x, true, T - 2 * HOUR);
  run('c1', 'silent', true, T - 3 * DAY);
  run('c2', 'blind', true, T - 2 * HOUR);
  const id = (x: string) => core.ledger.workflows.list().find((w) => w.externalId === x)!.id;
  for (const x of ['fine', 'failing', 'silent', 'vendor-off', 'we-paused', 'blind']) {
    await call(core, 'registry/save-metadata', { workflowId: id(x), metadata: { owner: 'ops@acme.test', purpose: 'Keeps things moving.', runbook: null,
      environment: 'production', criticality: null, tags: [], expectedSchedule: x === 'silent' ? { kind: 'interval', everyMinutes: 60 } : null } });
  }
  core.connectors.repo.upsertWorkflows('c1', [listed('vendor-off', false)], T - HOUR);
  core.connectors.repo.setWorkflowActive(id('we-paused'), false, T - HOUR, 'alice');
  core.ledger.connectors.setHealth('c2', 'needs_attention', 'Make rejected the API token (401).');
  core.connectors.repo.recordPoll('c1', { at: T - MIN, nextPollAt: null, ok: true, error: null, consecutiveFailures: 0, runsInserted: 0, firstSyncDone: true });
  return { core, id };
}

describe('registry health follows the live state', () => {
  it('caps failing and missed at 40, switched off by the vendor at 50, leaves unknown unscored, and says why', async () => {
    const { core } = await estate();
    const states = new Map(core.states.list(T).workflows.map((w) => [w.externalId, w.state]));
    expect(Object.fromEntries(states)).toEqual({ fine: 'ok', failing: 'failing', silent: 'missed', 'vendor-off': 'paused', 'we-paused': 'paused', blind: 'unknown' });
    const list = await call(core, 'registry/list-entries', { includeArchived: false }) as { items: RegistryRow[]; overallHealth: number };
    const row = (x: string) => list.items.find((r) => r.externalId === x)!;
    expect(row('failing').failureRate7d).toBeLessThan(0.1);
    expect(row('failing')).toMatchObject({ health: 40, healthCap: { state: 'failing', max: 40, reason: expect.stringMatching(/^Health capped at 40 \(was \d+\): failing now\. 2 runs in a row failed/) } });
    expect(row('silent')).toMatchObject({ health: 40, healthCap: { state: 'missed', max: 40 } });
    expect(row('vendor-off')).toMatchObject({ health: 50, healthCap: { state: 'paused', max: 50, reason: expect.stringContaining('Switched off in n8n') } });
    expect(row('blind').healthCap).toMatchObject({ state: 'unknown', max: null, reason: expect.stringMatching(/^Not scored: Flowdeck cannot see it now\. Make rejected the API token/) });
    for (const x of ['fine', 'we-paused']) expect([x, row(x).health, row(x).healthCap]).toEqual([x, expect.any(Number), null]);
    expect(row('fine').health).toBeGreaterThan(50);
    // Overall: the mean over the scored workflows only (the blind one is left out).
    const scored = ['fine', 'failing', 'silent', 'vendor-off', 'we-paused'].map((x) => row(x).health);
    expect(list.overallHealth).toBe(Math.round(scored.reduce((a, b) => a + b, 0) / scored.length));
    const lint = await call(core, 'registry/lint', {}) as { overallHealth: number; capped: { workflowName: string; state: string; max: number | null }[] };
    expect(lint.overallHealth).toBe(list.overallHealth);
    expect(lint.capped.map((c) => [c.workflowName, c.state, c.max]).sort()).toEqual([
      ['Ops – Workflow blind', 'unknown', null], ['Ops – Workflow failing', 'failing', 40], ['Ops – Workflow silent', 'missed', 40], ['Ops – Workflow vendor-off', 'paused', 50]]);
    const detail = await call(core, 'registry/get-workflow', { workflowId: row('failing').workflowId }) as { workflow: { row: RegistryRow } };
    expect(detail.workflow.row).toMatchObject({ health: 40, healthCap: { state: 'failing' } });
  });
});
