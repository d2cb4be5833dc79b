import { afterEach, describe, expect, it } from 'vitest';
import { createN8nDriver, type N8nDriver } from '../../core/sync/vendors/n8n/driver.ts';
import { createHttpClient } from '../../core/platform/http/client.ts';
import { fakeTime } from '../support/fake-time.ts';
import { closedPortUrl, json, startLocalServer, type Handler } from '../support/local-server.ts';
import { HttpFailure } from '../../core/platform/http/types.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { startFakeN8n, type FakeN8n } from '../fakes/n8n/server.ts';
import { FAIL_ERROR, seedWorkflows, type Estate } from '../fakes/n8n/seed.ts';

/** The n8n driver's connection test, workflow list, refresh and actions against the fake n8n (real HTTP client). */
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

function driverFor(baseUrl: string, credential: string | null, extra: { timeoutMs?: number; now?: number } = {}): N8nDriver {
  const { clock, sleep } = fakeTime(extra.now ?? Date.UTC(2026, 10, 25, 12));
  const http = createHttpClient({ baseUrl, clock, sleep, random: () => 0.5, retries: 2, timeoutMs: extra.timeoutMs ?? 5_000 });
  return createN8nDriver({
    config: { id: 'c1', kind: 'n8n', name: 'n8n', baseUrl, options: {} },
    http, credential: () => Promise.resolve(credential), clock, logger: createMemoryLogger(),
  });
}

async function fakeN8n(): Promise<{ fake: FakeN8n; key: string; e: Estate }> {
  const fake = await startFakeN8n();
  closers.push(() => fake.close());
  return { fake, key: fake.state.keys.issue(), e: seedWorkflows(fake.state) };
}

async function otherServer(handler: Handler): Promise<string> {
  const server = await startLocalServer({ now: () => 0 }, handler);
  closers.push(() => server.close());
  return server.url;
}

describe('n8n driver: Test connection', () => {
  it('ok with the number of workflows; also when the URL was pasted with /api/v1', async () => {
    const { fake, key } = await fakeN8n();
    const ok = { ok: true, workflows: 4, message: 'Connected to n8n: 4 workflows visible to this API key.' };
    expect(await driverFor(fake.url, key).testConnection()).toEqual(ok);
    expect(await driverFor(`${fake.url}/api/v1/`, key).testConnection()).toEqual(ok);
  });

  it('names each failure specifically', async () => {
    const { fake, key } = await fakeN8n();
    expect(await driverFor(fake.url, 'not-the-key').testConnection()).toMatchObject({ ok: false, reason: 'credentials_rejected', message: expect.stringMatching(/^n8n rejected the API key \(401\)/) });
    expect(await driverFor(fake.url, null).testConnection()).toMatchObject({ ok: false, reason: 'no_credential' });
    expect(await driverFor(await closedPortUrl(), key).testConnection()).toMatchObject({ ok: false, reason: 'unreachable', message: expect.stringMatching(/connection refused/) });
    const wrong = 'That address answered, but not like an n8n API: check the URL (it should be the n8n instance address, e.g. https://n8n.example.com).';
    // The n8n editor's HTML (a path that is not the instance root), some other JSON API, and a 404.
    expect(await driverFor(`${fake.url}/editor`, key).testConnection()).toEqual({ ok: false, reason: 'wrong_server', message: wrong });
    expect(await driverFor(await otherServer((_q, res) => json(res, 200, { hello: 'world' })), key).testConnection()).toEqual({ ok: false, reason: 'wrong_server', message: wrong });
    expect(await driverFor(await otherServer((_q, res) => json(res, 404, { error: 'nope' })), key).testConnection()).toEqual({ ok: false, reason: 'wrong_server', message: wrong });
    fake.faults.add({ kind: 'hang', times: 3 });
    expect(await driverFor(fake.url, key, { timeoutMs: 100 }).testConnection()).toMatchObject({ ok: false, reason: 'timeout' });
  });

  it('a key that can list workflows but not executions is rejected at the test, not at the first poll', async () => {
    const url = await otherServer((req, res) => (req.url?.includes('/executions')
      ? json(res, 403, { message: 'Forbidden' })
      : json(res, 200, { data: [], nextCursor: null })));
    expect(await driverFor(url, 'k').testConnection()).toMatchObject({ ok: false, reason: 'credentials_rejected', message: expect.stringMatching(/^n8n refused access \(403: Forbidden\): the API key lacks a scope/) });
  });

  it('warns ahead of the key expiry (JWT exp)', async () => {
    const { fake } = await fakeN8n();
    const now = Date.UTC(2026, 10, 25, 12);
    const soon = fake.state.keys.issue({ expiresAt: now + 5 * 86_400_000 });
    const later = fake.state.keys.issue({ expiresAt: now + 90 * 86_400_000 });
    expect(await driverFor(fake.url, soon, { now }).credentialWarning()).toBe('This n8n API key expires on 30 Nov 2026 — create a new key in n8n Settings → n8n API before then.');
    expect(await driverFor(fake.url, later, { now }).credentialWarning()).toBeNull();
    expect((await driverFor(fake.url, soon, { now }).testConnection()).message).toMatch(/4 workflows visible to this API key\. This n8n API key expires on 30 Nov 2026/);
  });
});

describe('n8n driver: workflows, refresh and actions', () => {
  it('lists every workflow across offset pages with its definition, version and deep link', async () => {
    const { fake, key, e } = await fakeN8n();
    for (let i = 0; i < 260; i++) fake.state.addWorkflow({ name: `bulk ${i}` });
    const list = await driverFor(fake.url, key).listWorkflows();
    expect(list).toHaveLength(264);
    expect(fake.requests.filter((r) => r.url.startsWith('/api/v1/workflows?')).map((r) => r.url)).toHaveLength(2);
    expect(list.find((w) => w.externalId === e.flaky)).toMatchObject({
      name: 'peer-flaky (fails ~50%)', active: true, archived: false, tags: ['flaky'], deepLink: `${fake.url}/workflow/${e.flaky}`,
      vendorVersionId: fake.state.workflows.get(e.flaky)!.versionId,
    });
  });

  it('refreshRuns returns finished runs with error details and skips ones n8n no longer has', async () => {
    const { fake, key, e } = await fakeN8n();
    const a = fake.state.addExecution({ workflowId: e.fail, status: 'running' });
    const b = fake.state.addExecution({ workflowId: e.ok, status: 'running' });
    fake.state.finishExecution(a.id, 'error', FAIL_ERROR);
    fake.state.deleteExecution(b.id);
    const records = await driverFor(fake.url, key).refreshRuns([String(a.id), String(b.id)]);
    expect(records).toEqual([expect.objectContaining({ externalId: '1', status: 'failed', errorMessage: FAIL_ERROR.message, failingStep: 'Stop and Error' })]);
  });

  it('a deleted workflow gets a stand-in name instead of failing the page', async () => {
    const { fake, key, e } = await fakeN8n();
    fake.state.addExecution({ workflowId: e.ok });
    const gone = fake.state.addWorkflow({ name: 'temporary' });
    fake.state.addExecution({ workflowId: gone.id });
    fake.state.workflows.delete(gone.id);
    const page = await driverFor(fake.url, key).listRuns(null);
    expect(page.records.map((r) => r.workflow.name)).toEqual([`n8n workflow ${gone.id}`, 'peer-ok (always succeeds)']);
  });

  it('retryRun posts once (never auto-retried), reports the new execution, and explains a 409', async () => {
    const { fake, key, e } = await fakeN8n();
    const failed = fake.state.addExecution({ workflowId: e.fail, status: 'error' });
    const driver = driverFor(fake.url, key);
    expect(await driver.actions.retryRun!(String(failed.id))).toBe('Retried n8n execution 1: new execution 2 (success).');
    expect(fake.state.executions.get(failed.id)!.retrySuccessId).toBe('2');
    expect(JSON.stringify(fake.requests.at(-1))).toContain('/api/v1/executions/1/retry');
    await expect(driver.actions.retryRun!('2')).rejects.toThrow('n8n did not retry execution 2 (409: The execution succeeded, so it cannot be retried.).');
    fake.faults.add({ kind: 'status-503', match: (req) => req.method === 'POST' });
    const posts = () => fake.requests.filter((r) => r.method === 'POST').length;
    const before = posts();
    await expect(driver.actions.retryRun!('1')).rejects.toBeInstanceOf(HttpFailure);
    expect(posts() - before).toBe(1);
  });

  it('activates and deactivates a workflow', async () => {
    const { fake, key, e } = await fakeN8n();
    const driver = driverFor(fake.url, key);
    expect(await driver.actions.deactivateWorkflow!(e.ok)).toBe(`Deactivated n8n workflow "peer-ok (always succeeds)" (${e.ok}).`);
    expect(fake.state.workflows.get(e.ok)!['active']).toBe(false);
    expect(await driver.actions.activateWorkflow!(e.ok)).toBe(`Activated n8n workflow "peer-ok (always succeeds)" (${e.ok}).`);
    expect(fake.state.workflows.get(e.ok)!['active']).toBe(true);
  });

  it('listRuns without a key throws auth, so the scheduler shows "needs attention"', async () => {
    const { fake } = await fakeN8n();
    await expect(driverFor(fake.url, null).listRuns(null)).rejects.toMatchObject({ kind: 'auth' });
  });
});
