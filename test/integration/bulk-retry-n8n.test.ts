// Issue 17 part 1 acceptance: bulk retry of 200 failed runs against the fake n8n. The real n8n connector (real HTTP
// client on loopback, the connector's rate budget from its `requestsPerMinute`) polls the fake, which enforces and
// counts n8n's optional per-key limit itself; the job goes through the dispatcher as an operator would start it.
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { contractClient } from '../../core/cli/open-core.ts';
import type { CoreClient } from '../../core/contract/client.ts';
import type { BulkProgress } from '../../core/contract/runs-bulk.ts';
import { createHttpClient } from '../../core/platform/http/client.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { createSecretStore } from '../../core/platform/secrets/index.ts';
import { fakeTime } from '../support/fake-time.ts';
import { startFakeN8n, type FakeN8n } from '../fakes/n8n/server.ts';
import { N8nState } from '../fakes/n8n/state.ts';

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const LIMIT = 30;
const MIN = 60_000;

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

interface Estate { fake: FakeN8n; core: Core; api: CoreClient; connectorId: string; clock: ReturnType<typeof fakeTime>['clock'] }

/** A fake n8n limited to LIMIT requests a minute, with `failed` failed executions (and 3 successful ones), synced once. */
async function estate(failed: number): Promise<Estate> {
  const { clock, sleep } = fakeTime(T0);
  const fake = await startFakeN8n({ state: new N8nState({ now: () => clock.now() }), rateLimit: { limit: LIMIT, windowMs: MIN } });
  closers.push(() => fake.close());
  const orders = fake.state.addWorkflow({ name: 'Orders import', active: true }).id;
  for (let i = 0; i < failed; i++) {
    fake.state.addExecution({ workflowId: orders, status: 'error', startedAt: T0 - 3_600_000 + i * 1_000, error: { message: 'Database is down', node: 'Postgres', style: 'node' } });
  }
  for (let i = 0; i < 3; i++) fake.state.addExecution({ workflowId: orders, status: 'success', startedAt: T0 - 60_000 + i });
  const key = fake.state.keys.issue({ expiresAt: T0 + 30 * 86_400_000 });
  const core = createCore({
    dataDir: ':memory:', clock, logger: createMemoryLogger(),
    connectors: { secrets: createSecretStore({ kind: 'memory' }), createHttp: (o) => createHttpClient({ ...o, sleep, random: () => 0.5, retries: 2 }) },
  });
  const api = contractClient(core, { actor: 'carol' });
  closers.push(async () => {
    await core.connectors.scheduler.stop();
    api.close();
    core.close();
  });
  const added = await api.call('connectors/add-connector', { kind: 'n8n', name: 'prod', baseUrl: fake.url, options: { requestsPerMinute: LIMIT }, credential: key });
  if (!added.ok) throw new Error(added.message);
  const connectorId = added.connector.id;
  for (let i = 0; i < 10 && core.ledger.runs.count() < failed + 3; i++) await core.connectors.scheduler.pollOnce(connectorId);
  expect(core.ledger.runs.count()).toBe(failed + 3);
  return { fake, core, api, connectorId, clock };
}

const retryPosts = (fake: FakeN8n) => fake.requests.filter((r) => r.method === 'POST' && /\/retry$/.test(r.url));
const bulkAudits = (core: Core, jobId: string) => core.ledger.audit.list(undefined, 5_000)
  .filter((e) => e.action === 'runs/retry-run' && (e.detail as { bulkJob?: string } | null)?.bulkJob === jobId);

describe('bulk retry against the fake n8n', () => {
  it('previews 200 failed runs (the successful ones skipped, with why), retries them all within the budget and reports each', async () => {
    const e = await estate(200);
    const all = await e.api.call('runs/preview-bulk-action', { action: 'retry-run', filter: { connectorIds: [e.connectorId] } });
    expect(all).toMatchObject({ matched: 203, eligible: 200, loadWorkflowOffered: true });
    expect(all.skipped).toEqual([expect.objectContaining({ reason: 'not-failed', count: 3 })]);
    expect(all.connectors).toEqual([expect.objectContaining({ connectorId: e.connectorId, count: 200, pace: expect.stringContaining(`at most ${LIMIT} requests`) })]);
    // Re-run is not something n8n offers: every run is skipped with the reason.
    const rerun = await e.api.call('runs/preview-bulk-action', { action: 'rerun-run', filter: { statuses: ['failed'] } });
    expect(rerun).toMatchObject({ eligible: 0, skipped: [{ reason: 'vendor-cannot', message: 'n8n does not let Flowdeck re-run runs', count: 200 }] });

    const progress: BulkProgress[] = [];
    e.core.events.subscribe('runs/bulk-progressed', (p) => progress.push(p));
    const requestsBefore = e.fake.requests.length;
    const start = e.clock.now();
    const started = await e.api.call('runs/start-bulk-action', { action: 'retry-run', filter: { statuses: ['failed'], connectorIds: [e.connectorId] } });
    if (!started.ok) throw new Error(started.message);
    // One job at a time per connector.
    expect(await e.api.call('runs/start-bulk-action', { action: 'retry-run', filter: { statuses: ['failed'] } })).toMatchObject({ ok: false, reason: 'busy' });
    await e.core.connectors.bulk.settled(started.jobId);

    // Counted at the fake: never more than the limit in any minute, never a 429, and the 200 POSTs took ≥ 6 minutes.
    expect(e.fake.rate).toMatchObject({ refused: 0 });
    expect(e.fake.rate!.maxInWindow).toBeLessThanOrEqual(LIMIT);
    expect(retryPosts(e.fake)).toHaveLength(200);
    expect(e.fake.requests.length - requestsBefore).toBe(200);
    expect(e.clock.now() - start).toBeGreaterThanOrEqual(6 * MIN);
    expect(e.fake.state.retries.every((r) => !r.loadWorkflow)).toBe(true);

    const report = await e.api.call('runs/get-bulk-report', { jobId: started.jobId });
    if (!report.ok) throw new Error('no report');
    expect(report.report).toMatchObject({ state: 'finished', total: 200, done: 200, started: 200, refused: 0, failed: 0, by: 'carol' });
    expect(report.report.results.every((r) => r.outcome === 'started' && /^Retried n8n execution \d+: new execution \d+/.test(r.message))).toBe(true);
    expect(progress.at(-1)).toMatchObject({ jobId: started.jobId, state: 'finished', done: 200, started: 200 });
    expect(progress.filter((p) => p.state === 'running').map((p) => p.done)).toEqual([...Array(201).keys()]);

    const audits = bulkAudits(e.core, started.jobId);
    expect(audits).toHaveLength(200);
    expect(new Set(audits.map((a) => a.target)).size).toBe(200);
    expect(audits.every((a) => a.actor === 'carol' && (a.detail as { result?: string }).result === 'ok')).toBe(true);
  });

  it('cancel stops the job within one request, and the report says which runs were not started', async () => {
    const e = await estate(200);
    const started = await e.api.call('runs/start-bulk-action', { action: 'retry-run', filter: { statuses: ['failed'] } });
    if (!started.ok) throw new Error(started.message);
    let postsAtCancel = -1;
    const cancelled = new Promise<void>((resolve) => {
      const off = e.core.events.subscribe('runs/bulk-progressed', (p) => {
        if (p.done !== 40 || postsAtCancel >= 0) return;
        off();
        postsAtCancel = retryPosts(e.fake).length;
        void e.api.call('runs/cancel-bulk-action', { jobId: started.jobId }).then((c) => {
          expect(c).toMatchObject({ ok: true });
          resolve();
        });
      });
    });
    await cancelled;
    await e.core.connectors.bulk.settled(started.jobId);
    const sent = retryPosts(e.fake).length;
    expect(sent - postsAtCancel).toBeLessThanOrEqual(1);
    const report = await e.api.call('runs/get-bulk-report', {});
    if (!report.ok) throw new Error('no report');
    expect(report.report).toMatchObject({ jobId: started.jobId, state: 'cancelled', total: 200, done: sent, started: sent });
    expect(report.report.results.filter((r) => r.outcome === 'not-started')).toHaveLength(200 - sent);
    expect(bulkAudits(e.core, started.jobId)).toHaveLength(sent);
    // The cancel is audited too (the one request in flight may finish after it).
    expect(e.core.ledger.audit.list(undefined, 2).filter((a) => a.action === 'runs/cancel-bulk-action'))
      .toEqual([expect.objectContaining({ actor: 'carol', target: `bulk:${started.jobId}` })]);
    expect(await e.api.call('runs/cancel-bulk-action', { jobId: started.jobId })).toMatchObject({ ok: false, reason: 'not_running' });
  });

  it('retries with the current workflow version when asked, and reports a run n8n no longer has as refused', async () => {
    const e = await estate(5);
    const gone = [...e.fake.state.executions.values()].find((x) => x.status === 'error')!;
    e.fake.state.deleteExecution(gone.id);
    const started = await e.api.call('runs/start-bulk-action', { action: 'retry-run', filter: { statuses: ['failed'] }, loadWorkflow: true });
    if (!started.ok) throw new Error(started.message);
    await e.core.connectors.bulk.settled(started.jobId);
    expect(e.fake.state.retries).toHaveLength(4);
    expect(e.fake.state.retries.every((r) => r.loadWorkflow)).toBe(true);
    const report = await e.api.call('runs/get-bulk-report', { jobId: started.jobId });
    if (!report.ok) throw new Error('no report');
    expect(report.report).toMatchObject({ state: 'finished', loadWorkflow: true, started: 4, refused: 1, failed: 0 });
    const refused = report.report.results.find((r) => r.outcome === 'refused')!;
    expect(refused).toMatchObject({ externalId: String(gone.id) });
    expect(refused.message).toContain('404');
    expect(report.report.results.filter((r) => r.outcome === 'started').every((r) => r.message.includes('with the current workflow version'))).toBe(true);
  });

  it('stops asking a connector that keeps failing, and says so for the runs it did not start', async () => {
    const e = await estate(20);
    e.fake.faults.add({ kind: 'status-503', match: (req) => req.method === 'POST', times: 50 });
    const started = await e.api.call('runs/start-bulk-action', { action: 'retry-run', filter: { statuses: ['failed'] } });
    if (!started.ok) throw new Error(started.message);
    await e.core.connectors.bulk.settled(started.jobId);
    expect(retryPosts(e.fake)).toHaveLength(5);
    const report = await e.api.call('runs/get-bulk-report', { jobId: started.jobId });
    if (!report.ok) throw new Error('no report');
    expect(report.report).toMatchObject({ state: 'finished', total: 20, done: 5, started: 0, refused: 0, failed: 5 });
    const left = report.report.results.filter((r) => r.outcome === 'not-started');
    expect(left).toHaveLength(15);
    expect(left[0]!.message).toMatch(/^Not started: 5 requests in a row failed on this connector, so Flowdeck stopped asking \(the last: Could not retry run \d+ of “Orders import”: .+\)\. Try again once it works\.$/);
    expect(bulkAudits(e.core, started.jobId)).toHaveLength(5);
  });
});
