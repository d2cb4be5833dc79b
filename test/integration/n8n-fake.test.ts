import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeN8n, type FakeN8n } from '../fakes/n8n/server.ts';
import { FAIL_ERROR, flakyError, seedWorkflows, type Estate } from '../fakes/n8n/seed.ts';

/** The fake n8n answers like the recorded n8n 2.41.1: same field sets and order, cursors, errors and semantics. */
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fakes/n8n/fixtures/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
const keysOf = (v: unknown) => Object.keys(v as object);
const first = (name: string) => (fixture(name)['data'] as Record<string, unknown>[])[0]!;
const b64json = (s: string) => JSON.parse(Buffer.from(s, 'base64').toString('utf8')) as unknown;

let fake: FakeN8n;
let key: string;
let e: Estate;
afterEach(async () => {
  await fake.close();
});

async function start(): Promise<void> {
  fake = await startFakeN8n();
  key = fake.state.keys.issue();
  e = seedWorkflows(fake.state);
}

async function api(path: string, init: { method?: string; body?: unknown; key?: string | null; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  const k = init.key === undefined ? key : init.key;
  if (k) headers['X-N8N-API-KEY'] = k;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${fake.url}/api/v1${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as Record<string, unknown> & { data: Record<string, unknown>[]; nextCursor: string | null } };
}

describe('fake n8n: shapes match the recorded fixtures', () => {
  it('list items (with and without includeData), GET by id (with and without data), workflows and the 401', async () => {
    await start();
    fake.state.addExecution({ workflowId: e.fail, status: 'error', error: FAIL_ERROR });
    fake.state.addExecution({ workflowId: e.flaky, status: 'error', error: flakyError(17) });
    fake.state.addExecution({ workflowId: e.ok, status: 'success' });
    expect(keysOf((await api('/executions')).body.data[0])).toEqual(keysOf(first('executions-list-page1')));
    const withData = (await api('/executions?status=error&includeData=true')).body.data;
    expect(keysOf(withData[1])).toEqual(keysOf(first('executions-list-error-includeData-stop-and-error')));
    expect(keysOf(withData[0])).toEqual(keysOf(first('executions-list-error-includeData-code-node')));
    expect(keysOf((withData[1]!['data'] as { resultData: unknown }).resultData)).toEqual(['error', 'runData', 'lastNodeExecuted']);
    expect((withData[1]!['data'] as { resultData: { error: { node: { name: string }; message: string } } }).resultData.error).toMatchObject({ message: FAIL_ERROR.message, node: { name: 'Stop and Error' } });
    const code = (withData[0]!['data'] as { resultData: { error: Record<string, unknown>; lastNodeExecuted: string } }).resultData;
    expect(code.error['node']).toBeUndefined();
    expect(code).toMatchObject({ lastNodeExecuted: 'Maybe Throw', error: { message: 'peer-flaky: random failure (r=0.017) [line 3]', name: 'WrappedExecutionError' } });
    expect(keysOf((await api('/executions/3')).body)).toEqual(keysOf(fixture('execution-success')));
    expect(keysOf((await api('/executions/3?includeData=true')).body)).toEqual(keysOf(fixture('execution-success-includeData')));
    expect(keysOf((await api('/workflows?active=true')).body.data[0])).toEqual(keysOf(first('workflows-list')));
    expect(await api('/workflows', { key: null })).toMatchObject({ status: 401, body: fixture('error-401') });
    expect(await api('/workflows', { key: 'wrong' })).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
  });
});

describe('fake n8n: paging and validation', () => {
  it('executions: newest first, keyset cursor {"lastId","limit"}, null when nothing follows, running left out', async () => {
    await start();
    for (let i = 0; i < 5; i++) fake.state.addExecution({ workflowId: e.ok });
    fake.state.addExecution({ workflowId: e.ok, status: 'running' });
    const p1 = await api('/executions?limit=2');
    expect(p1.body.data.map((x) => x['id'])).toEqual(['5', '4']);
    expect(b64json(p1.body.nextCursor!)).toEqual({ lastId: '4', limit: 2 });
    const p2 = await api(`/executions?cursor=${encodeURIComponent(p1.body.nextCursor!)}`);
    expect(p2.body.data.map((x) => x['id'])).toEqual(['3', '2']);
    const p3 = await api(`/executions?cursor=${encodeURIComponent(p2.body.nextCursor!)}`);
    expect(p3.body).toMatchObject({ data: [{ id: '1' }], nextCursor: null });
    expect((await api('/executions/6')).body).toMatchObject({ status: 'running', stoppedAt: null, finished: false });
  });

  it('rejects unknown parameters, bad values and bad cursors; an unknown workflowId is an empty list', async () => {
    await start();
    expect(await api('/executions?startedBefore=2026-01-01T00:00:00Z')).toMatchObject({ status: 200 });
    expect(await api('/executions?redactExecutionData=true')).toMatchObject({ status: 400, body: { message: "Unknown query parameter 'redactExecutionData'" } });
    expect((await api('/executions?status=bogus')).status).toBe(400);
    expect((await api('/executions?includeData=yes')).status).toBe(400);
    expect(await api('/executions?cursor=not-a-cursor')).toMatchObject({ status: 400, body: { message: 'An invalid cursor was provided' } });
    expect(await api('/executions?workflowId=nope')).toMatchObject({ status: 200, body: { data: [], nextCursor: null } });
  });

  it('status=error also returns crashed runs; workflows page by offset cursor {"limit","offset"}', async () => {
    await start();
    fake.state.addExecution({ workflowId: e.fail, status: 'error' });
    fake.state.addExecution({ workflowId: e.schedule, status: 'crashed' });
    fake.state.addExecution({ workflowId: e.ok, status: 'success' });
    expect((await api('/executions?status=error')).body.data.map((x) => x['status'])).toEqual(['crashed', 'error']);
    const w1 = await api('/workflows?limit=3');
    expect(w1.body.data).toHaveLength(3);
    expect(b64json(w1.body.nextCursor!)).toEqual({ limit: 3, offset: 3 });
    const w2 = await api(`/workflows?cursor=${encodeURIComponent(w1.body.nextCursor!)}`);
    expect(w2.body).toMatchObject({ nextCursor: null });
    expect(w2.body.data).toHaveLength(1);
  });

  it('answers a weak ETag and 304 when it still matches', async () => {
    await start();
    const a = await api('/workflows');
    const etag = a.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);
    expect((await api('/workflows', { headers: { 'if-none-match': etag } })).status).toBe(304);
  });
});

describe('fake n8n: actions', () => {
  it('retry is synchronous (mode retry, retryOf) and a success marks the original; retrying a success is 409', async () => {
    await start();
    const failed = fake.state.addExecution({ workflowId: e.fail, status: 'error' });
    const r = await api(`/executions/${failed.id}/retry`, { method: 'POST', body: { loadWorkflow: false } });
    expect(r.body).toMatchObject({ id: '2', mode: 'retry', retryOf: '1', status: 'success' });
    expect((await api('/executions/1')).body).toMatchObject({ status: 'error', retrySuccessId: '2' });
    expect(await api('/executions/2/retry', { method: 'POST', body: { loadWorkflow: false } })).toMatchObject({ status: 409 });
    expect((await api('/executions/99/retry', { method: 'POST', body: { loadWorkflow: false } })).status).toBe(404);
  });

  it('activate/deactivate change active only; PUT needs the four fields and bumps versionId only on change', async () => {
    await start();
    const before = (await api(`/workflows/${e.ok}`)).body;
    const off = (await api(`/workflows/${e.ok}/deactivate`, { method: 'POST' })).body;
    expect(off).toMatchObject({ active: false, activeVersionId: null, versionId: before['versionId'], updatedAt: before['updatedAt'] });
    expect((await api(`/workflows/${e.ok}`, { method: 'PUT', body: { name: 'x', nodes: [] } })).body).toEqual({ message: "request/body must have required property 'connections'" });
    const body = { name: 'renamed', nodes: before['nodes'], connections: before['connections'], settings: before['settings'] };
    const put1 = (await api(`/workflows/${e.ok}`, { method: 'PUT', body })).body;
    expect(put1['versionId']).not.toBe(before['versionId']);
    const put2 = (await api(`/workflows/${e.ok}`, { method: 'PUT', body })).body;
    expect(put2['versionId']).toBe(put1['versionId']);
    expect(put2['updatedAt']).not.toBe(put1['updatedAt']);
  });

  it('keys: revoked, rotated and "expire after N requests" stop working', async () => {
    await start();
    fake.state.keys.expireAfter(key, 1);
    expect((await api('/workflows')).status).toBe(200);
    expect((await api('/workflows')).status).toBe(401);
    const fresh = fake.state.keys.issue();
    const rotated = fake.state.keys.rotate(fresh);
    expect((await api('/workflows', { key: fresh })).status).toBe(401);
    expect((await api('/workflows', { key: rotated })).status).toBe(200);
  });
});
