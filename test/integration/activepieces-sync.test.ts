import { describe, expect, it } from 'vitest';
import { createHttpClient } from '../../core/platform/http/client.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { ACTIVEPIECES_BUDGET, createActivepiecesDriver } from '../../core/sync/vendors/activepieces/driver.ts';
import { closedAfterEach } from '../support/closed-after-each.ts';
import { activepiecesHarness, GOOD_KEY, MIN, T0, type ActivepiecesHarness } from '../fakes/activepieces/harness.ts';

// The Activepieces connector behind the real scheduler, connector service, HTTP client and ingest, polling the fake
// over loopback HTTP on a pinned clock: what the first sync takes in, what later polls add, how unfinished runs settle.

const harness = closedAfterEach(activepiecesHarness);
const failure = { step: 'step_2', displayName: 'Append row in Google Sheets', message: 'The caller does not have permission (403)' };

/** Seeds runs before T0 (one of each kind, a burst sharing one second across page boundaries, a builder test run). */
function seed(h: ActivepiecesHarness) {
  const { state } = h.fake;
  const { orders, invoices } = h.flows;
  const runs = {
    ok: state.addRun(orders, 'SUCCEEDED', T0 - 50 * MIN),
    failed: state.addRun(invoices, 'FAILED', T0 - 45 * MIN, { failure }),
    timeout: state.addRun(orders, 'TIMEOUT', T0 - 40 * MIN),
    canceled: state.addRun(invoices, 'CANCELED', T0 - 35 * MIN),
    running: state.addRun(orders, 'RUNNING', T0 - 3 * MIN),
    paused: state.addRun(invoices, 'PAUSED', T0 - 2 * MIN),
    queued: state.addRun(orders, 'QUEUED', T0 - MIN),
  };
  // docs/vendors.md A4: seven runs in one second, more than a page (5) holds.
  const burst = Array.from({ length: 7 }, (_, i) => state.addRun(orders, 'SUCCEEDED', T0 - 20 * MIN + 100 + i * 10));
  const builderTest = state.addRun(orders, 'SUCCEEDED', T0 - 10 * MIN, { environment: 'TESTING' });
  return { runs, burst, builderTest };
}

async function addAndSync(h: ActivepiecesHarness): Promise<string> {
  const added = await h.api.call('connectors/add-connector', h.draft());
  if (!added.ok) throw new Error(added.message);
  h.core.connectors.scheduler.start();
  await h.advance(0);
  return added.connector.id;
}

/** Polls (one minute at a time, at most 20) until the ledger holds every production run the fake has. */
async function pollUntilComplete(h: ActivepiecesHarness, id: string): Promise<void> {
  const want = h.fake.state.runs.filter((r) => r.environment === 'PRODUCTION').length;
  for (let i = 0; i < 20 && h.runs(id).size < want; i++) await h.advance(MIN);
}

describe('Activepieces sync through the core', () => {
  it('the first sync takes in every production run with its status, raw word, error text and links', async () => {
    const h = await harness();
    const { runs, burst, builderTest } = seed(h);
    const id = await addAndSync(h);
    await pollUntilComplete(h, id);
    const ledger = h.runs(id);
    const status = (run: { id: string }) => [ledger.get(run.id)?.status, ledger.get(run.id)?.rawStatus];
    // docs/vendors.md A5
    expect(status(runs.ok)).toEqual(['success', 'SUCCEEDED']);
    expect(status(runs.failed)).toEqual(['failed', 'FAILED']);
    expect(status(runs.timeout)).toEqual(['failed', 'TIMEOUT']);
    expect(status(runs.canceled)).toEqual(['canceled', 'CANCELED']);
    expect(status(runs.running)).toEqual(['running', 'RUNNING']);
    expect(status(runs.paused)).toEqual(['waiting', 'PAUSED']);
    expect(status(runs.queued)).toEqual(['queued', 'QUEUED']);
    // A6: the failed run's error text comes from its step output, the failing step by its display name.
    expect(ledger.get(runs.failed.id)).toMatchObject({ errorMessage: failure.message, failingStep: failure.displayName, workflowName: 'Invoices to accounting',
      deepLink: `${h.fake.url}/projects/${h.projectId}/runs/${runs.failed.id}` });
    expect(ledger.get(runs.timeout.id)!.errorMessage).toMatch(/flow time limit/);
    // A4: the whole burst, although it shares one second across a page boundary; never the builder's test run.
    expect(burst.every((r) => ledger.get(r.id)?.status === 'success')).toBe(true);
    expect(ledger.has(builderTest.id)).toBe(false);
    expect(ledger.size).toBe(14);
  });

  it('the vendor\'s own next cursor would have lost part of the burst (why the driver pages by time, A4)', async () => {
    const h = await harness();
    const { burst } = seed(h);
    const get = async (query: string) => (await fetch(`${h.fake.url}/api/v1/flow-runs?projectId=${h.projectId}&limit=5${query}`, {
      headers: { authorization: `Bearer ${GOOD_KEY}` } })).json() as Promise<{ data: { id: string }[]; next: string | null }>;
    const seen: string[] = [];
    let cursor = '';
    for (let i = 0; i < 10; i++) {
      const page = await get(cursor);
      seen.push(...page.data.map((r) => r.id));
      if (!page.next) break;
      cursor = `&cursor=${encodeURIComponent(page.next)}`;
    }
    expect(burst.filter((r) => !seen.includes(r.id)).length).toBeGreaterThan(0);
  });

  it('a second poll from the stored cursor takes only the new runs, and none twice', async () => {
    const h = await harness();
    seed(h);
    const id = await addAndSync(h);
    await pollUntilComplete(h, id);
    const later = [h.fake.state.addRun(h.flows.orders, 'SUCCEEDED', T0 + 2 * MIN), h.fake.state.addRun(h.flows.invoices, 'SUCCEEDED', T0 + 2 * MIN + 500)];
    h.clock.set(T0 + 3 * MIN);
    // The driver itself, from the cursor the core stored with the last page: exactly the new runs.
    const driver = createActivepiecesDriver({
      config: { id, kind: 'activepieces', name: 'Activepieces', baseUrl: h.fake.url, options: { projectId: h.projectId, pageSize: 5 } },
      http: createHttpClient({ baseUrl: h.fake.url, clock: h.clock, sleep: async () => {}, random: () => 0.5, timeoutMs: 500, retries: 0, budget: ACTIVEPIECES_BUDGET }),
      credential: async () => GOOD_KEY, clock: h.clock, logger: createMemoryLogger(),
    });
    const page = await driver.listRuns(h.core.ledger.connectors.get(id)!.cursor);
    expect(page.records.map((r) => r.externalId).sort()).toEqual(later.map((r) => r.id).sort());
    expect(page.hasMore).toBe(false);
    // And the scheduler's next poll adds them: 16 runs, each once.
    await h.advance(5 * MIN);
    const { items } = h.core.ledger.runs.list({ connectorIds: [id] }, null, 500);
    expect(items).toHaveLength(16);
    expect(new Set(items.map((r) => r.externalId)).size).toBe(16);
  });

  it('unfinished runs are refreshed to their final state, a failure with its error text', async () => {
    const h = await harness();
    const { runs } = seed(h);
    const id = await addAndSync(h);
    await pollUntilComplete(h, id);
    const { state } = h.fake;
    state.finish(runs.running, 'SUCCEEDED', T0 + MIN);
    state.finish(runs.paused, 'FAILED', T0 + MIN, { step: 'http_1', displayName: 'Call the CRM', message: 'connect ECONNREFUSED 10.0.0.7:443' });
    state.finish(runs.queued, 'RUNNING', T0 + MIN);
    await h.advance(5 * MIN);
    const ledger = h.runs(id);
    expect(ledger.get(runs.running.id)).toMatchObject({ status: 'success', rawStatus: 'SUCCEEDED', finishedAt: T0 + MIN });
    expect(ledger.get(runs.paused.id)).toMatchObject({ status: 'failed', errorMessage: 'connect ECONNREFUSED 10.0.0.7:443', failingStep: 'Call the CRM' });
    expect(ledger.get(runs.queued.id)).toMatchObject({ status: 'running', rawStatus: 'RUNNING' });
    // A refresh asks for each unfinished run by id (A6), never for the finished ones.
    const byId = h.fake.log.filter((r) => /\/flow-runs\/[^?]+$/.test(r.path)).map((r) => r.path.split('/').pop());
    expect(byId).toContain(runs.running.id);
    expect(byId).not.toContain(runs.ok.id);
  });

  it('reads the legacy field names (flowDisplayName, failedStepName) the same way (A6)', async () => {
    const h = await harness();
    h.fake.state.shape = 'legacy';
    const { runs } = seed(h);
    const id = await addAndSync(h);
    await pollUntilComplete(h, id);
    expect(h.runs(id).get(runs.failed.id)).toMatchObject({ status: 'failed', errorMessage: failure.message, failingStep: failure.step, workflowName: 'Invoices to accounting' });
  });

  it('waits out a 429 with Retry-After and still takes everything in (A10)', async () => {
    const h = await harness();
    seed(h);
    h.fake.state.rateLimit = { limit: 3, windowMs: MIN };
    const id = await addAndSync(h);
    await pollUntilComplete(h, id);
    expect(h.runs(id).size).toBe(14);
    expect(h.fake.log.some((r) => r.status === 429)).toBe(true);
  });

  it('switches a flow off and on at Activepieces (A8)', async () => {
    const h = await harness();
    const id = await addAndSync(h);
    const { items } = await h.api.call('workflows/list-workflows', { connectorId: id });
    const orders = items.find((w) => w.externalId === h.flows.orders.id)!;
    expect(await h.api.call('workflows/set-active', { workflowId: orders.id, active: false }))
      .toEqual({ ok: true, message: `Switched off Activepieces flow "Shop orders to Sheets" (${h.flows.orders.id}).` });
    expect(h.fake.state.flow(h.flows.orders.id)!.status).toBe('DISABLED');
    expect(await h.api.call('workflows/set-active', { workflowId: orders.id, active: true })).toMatchObject({ ok: true });
    expect(h.fake.state.flow(h.flows.orders.id)!.status).toBe('ENABLED');
  });
});
