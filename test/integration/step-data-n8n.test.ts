import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { contractClient } from '../../core/cli/open-core.ts';
import type { CoreClient } from '../../core/contract/client.ts';
import type { GetStepDataOutput } from '../../core/contract/runs.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { createSecretStore } from '../../core/platform/secrets/index.ts';
import { ledgerDb } from '../../core/store/ledger-db.ts';
import { ManualTimers } from '../support/manual-timers.ts';
import { startFakeN8n, type FakeN8n } from '../fakes/n8n/server.ts';

/**
 * `runs/get-step-data` over the real n8n driver, HTTP client and core against the fake n8n answering
 * `GET /executions/{id}?includeData=true` with the recorded n8n 2.41 data: the failing node's input is shown, secrets
 * come back redacted, and nothing of it reaches the database or the logs. Fixed clock; loopback only.
 */
const T0 = Date.UTC(2026, 10, 25, 12);
type Json = Record<string, unknown>;
const fixture = (name: string): Json => JSON.parse(readFileSync(new URL(`../fakes/n8n/fixtures/${name}.json`, import.meta.url), 'utf8')) as Json;
const firstItem = (name: string) => (fixture(name)['data'] as Json[])[0]!;

let fake: FakeN8n | null = null;
let core: Core | null = null;
let client: CoreClient | null = null;
let dir: string | null = null;
afterEach(async () => {
  client?.close();
  await core?.connectors.scheduler.stop();
  core?.close();
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  fake = core = client = dir = null;
});

async function setup(options: { onDisk?: boolean } = {}) {
  fake = await startFakeN8n();
  const clock = fixedClock(T0);
  const logger = createMemoryLogger();
  dir = options.onDisk ? mkdtempSync(join(tmpdir(), 'flowdeck-step-data-')) : null;
  core = createCore({
    dataDir: dir ?? ':memory:', clock, logger,
    connectors: { secrets: createSecretStore({ kind: 'memory' }), timers: new ManualTimers(clock), cadence: { workflowsMs: 0 } },
  });
  client = contractClient(core, { actor: 'carol' });
  const key = fake.state.keys.issue();
  const added = await client.call('connectors/add-connector', { kind: 'n8n', name: 'prod', baseUrl: fake.url, options: {}, credential: key });
  if (!added.ok) throw new Error(added.message);
  const api = client;
  const c = core;
  const poll = async () => {
    clock.set(clock.now() + 60_000);
    const r = await api.call('connectors/poll-now', { id: added.connector.id });
    if (!r.ok) throw new Error(r.message);
  };
  const runOf = (externalId: string) => c.ledger.runs.list({}, null, 500).items.find((r) => r.externalId === externalId)!;
  return { api, poll, runOf, key, logger, clock, core: c, fake };
}

function shown(out: GetStepDataOutput) {
  if (!out.ok) throw new Error(out.message);
  if (out.data.kind !== 'n8n') throw new Error(`expected n8n step data, got ${out.data.kind}`);
  return { ...out, data: out.data };
}

describe('runs/get-step-data over n8n', () => {
  it('shows the failing Code node, what it received (the recorded Webhook item) and its error, from the recorded answer', async () => {
    const h = await setup();
    const wf = h.fake.state.addWorkflow({ name: 'peer-flaky', nodes: [{ name: 'Webhook', type: 'n8n-nodes-base.webhook' }, { name: 'Maybe Throw', type: 'n8n-nodes-base.code' }] });
    const e = h.fake.state.addExecution({ workflowId: wf.id, status: 'error', error: { message: 'peer-flaky: random failure (r=0.017) [line 3]', node: 'Maybe Throw', style: 'code' } });
    h.fake.state.recorded.set(e.id, firstItem('executions-list-error-includeData-code-node'));
    await h.poll();
    const run = h.runOf(String(e.id));
    const before = h.fake.requests.length;

    const out = shown(await h.api.call('runs/get-step-data', { runId: run.id }));
    expect(out.vendor).toBe('n8n');
    expect(out.fetchedAt).toBe(h.clock.now());
    expect(out.deepLink).toBe(`${h.fake.url}/workflow/${wf.id}/executions/${e.id}`);
    expect(out.deepLink).toBe(h.core.ledger.runs.get(run.id)!.deepLink);
    expect(out.data.node).toEqual({ name: 'Maybe Throw', type: 'n8n-nodes-base.code' });
    expect(out.data.input?.total).toBe(1);
    expect(out.data.input?.items[0]).toMatchObject({ body: { seq: 2, batch: '20261125T180617Z' }, webhookUrl: 'http://127.0.0.1:5679/webhook/peer-flaky' });
    expect(out.data.output).toBeNull();
    expect(out.data.error).toEqual({ name: 'WrappedExecutionError', message: 'peer-flaky: random failure (r=0.017) [line 3]', description: null });
    // One request, through the connector's client, with includeData.
    const asked = h.fake.requests.slice(before).map((r) => `${r.method} ${r.url}`);
    expect(asked).toEqual([`GET /api/v1/executions/${e.id}?includeData=true`]);
  });

  it('names the Stop and Error node from the error\'s node (recorded answer) and shows its input', async () => {
    const h = await setup();
    const wf = h.fake.state.addWorkflow({ name: 'peer-fail' });
    const e = h.fake.state.addExecution({ workflowId: wf.id, status: 'error', error: { message: 'peer-fail: deliberate failure for acceptance tests', node: 'Do Work', style: 'node' } });
    h.fake.state.recorded.set(e.id, firstItem('executions-list-error-includeData-stop-and-error'));
    await h.poll();
    const out = shown(await h.api.call('runs/get-step-data', { runId: h.runOf(String(e.id)).id }));
    expect(out.data.node).toEqual({ name: 'Stop and Error', type: 'n8n-nodes-base.stopAndError' });
    expect(out.data.input?.items).toEqual([expect.objectContaining({ body: { seq: 4, batch: '20261125T180617Z' } })]);
    expect(out.data.error?.message).toBe('peer-fail: deliberate failure for acceptance tests');
  });

  it('for a successful run (recorded), shows the last node with what it received and produced', async () => {
    const h = await setup();
    const wf = h.fake.state.addWorkflow({ name: 'peer-ok', nodes: [{ name: 'Webhook' }, { name: 'Set' }] });
    const e = h.fake.state.addExecution({ workflowId: wf.id, status: 'success' });
    h.fake.state.recorded.set(e.id, fixture('execution-success-includeData'));
    await h.poll();
    const out = shown(await h.api.call('runs/get-step-data', { runId: h.runOf(String(e.id)).id }));
    expect(out.data.node.name).toBe('Set');
    expect(out.data.input?.items[0]).toMatchObject({ body: { seq: 4 } });
    expect(out.data.output?.items).toEqual([{ ok: true, seq: '4', receivedAt: '2026-11-25T18:06:17.536Z' }]);
    expect(out.data.error).toBeNull();
  });

  it('redacts secrets in what the node received: the connector key, a Bearer token, password and API-key fields', async () => {
    const h = await setup();
    const wf = h.fake.state.addWorkflow({ name: 'Orders' });
    const payload = {
      customer: 'Ada',
      apiKey: 'sk_live_51HxQzPlantedSecretValue',
      password: 'correct-horse-battery-staple',
      headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0.c2lnbmF0dXJlLXBsYW50ZWQ' },
      note: `called with Bearer abcdefghijklmnopqrstuvwxyz123456 and key ${h.key}`,
      url: 'https://shop.example.test/hook?token=tok_planted_123456',
    };
    const e = h.fake.state.addExecution({ workflowId: wf.id, status: 'error', error: { message: `Refused Bearer abcdefghijklmnopqrstuvwxyz123456`, node: 'Do Work', style: 'node' }, payload });
    await h.poll();
    const out = shown(await h.api.call('runs/get-step-data', { runId: h.runOf(String(e.id)).id }));
    const text = JSON.stringify(out);
    for (const secret of ['sk_live_51HxQzPlantedSecretValue', 'correct-horse-battery-staple', 'abcdefghijklmnopqrstuvwxyz123456', 'tok_planted_123456', 'c2lnbmF0dXJlLXBsYW50ZWQ', h.key]) {
      expect(text).not.toContain(secret);
    }
    expect(out.data.input?.items[0]).toMatchObject({ body: { customer: 'Ada', apiKey: '[redacted]', password: '[redacted]' } });
    expect(out.data.error?.message).toBe('Refused Bearer [redacted]');
  });

  it('bounds what it shows: at most 20 items, long texts cut, and says so', async () => {
    const h = await setup();
    const wf = h.fake.state.addWorkflow({ name: 'Bulk' });
    const e = h.fake.state.addExecution({ workflowId: wf.id, status: 'error', error: { message: 'Too much', node: 'Do Work', style: 'node' } });
    const recorded = structuredClone(firstItem('executions-list-error-includeData-stop-and-error'));
    const webhook = (((recorded['data'] as Json)['resultData'] as Json)['runData'] as Record<string, Json[]>)['Webhook']![0]!;
    webhook['data'] = { main: [Array.from({ length: 300 }, (_, i) => ({ json: { i, blob: 'x'.repeat(10_000) }, pairedItem: { item: i } }))] };
    h.fake.state.recorded.set(e.id, recorded);
    await h.poll();
    const out = shown(await h.api.call('runs/get-step-data', { runId: h.runOf(String(e.id)).id }));
    expect(out.data.input?.total).toBe(300);
    expect(out.data.input?.truncated).toBe(true);
    expect(out.data.input!.items.length).toBeLessThanOrEqual(20);
    expect(JSON.stringify(out.data.input).length).toBeLessThan(70_000);
    expect((out.data.input!.items[0] as { blob: string }).blob).toMatch(/^x{2000}… \(8000 more characters\)$/);
  });

  it('keeps nothing: a canary in the step data is in the answer, and in no table, database file or log line', async () => {
    const h = await setup({ onDisk: true });
    const canary = 'CANARY-step-data-6d1f0e2a';
    const wf = h.fake.state.addWorkflow({ name: 'Canary' });
    const e = h.fake.state.addExecution({ workflowId: wf.id, status: 'error', error: { message: `failed near ${canary}`, node: 'Do Work', style: 'node' }, payload: { secretless: canary } });
    // The error message is stored by sync (it is the run's error text); the canary only in the payload must not be.
    h.fake.state.executions.get(e.id)!.error = { message: 'failed', node: 'Do Work', style: 'node' };
    await h.poll();
    h.fake.state.executions.get(e.id)!.error = { message: `failed near ${canary}`, node: 'Do Work', style: 'node' };
    const out = shown(await h.api.call('runs/get-step-data', { runId: h.runOf(String(e.id)).id }));
    expect(JSON.stringify(out)).toContain(canary);
    expect(out.data.input?.items[0]).toMatchObject({ body: { secretless: canary } });

    const db = ledgerDb(h.core.ledger);
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables.length).toBeGreaterThan(5);
    for (const table of tables) {
      const rows = db.prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`).all() as Record<string, unknown>[];
      const dump = JSON.stringify(rows, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('latin1') : v));
      expect(dump, `table ${table}`).not.toContain(canary);
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    const files = readdirSync(dir!, { recursive: true }).map(String).filter((f) => statSync(join(dir!, f)).isFile());
    expect(files.some((f) => f.endsWith('.db') || f.includes('ledger'))).toBe(true);
    for (const f of files) expect(readFileSync(join(dir!, f)).includes(canary), f).toBe(false);
    expect(JSON.stringify(h.logger.lines)).not.toContain(canary);
  });

  it('says plainly when n8n no longer has the execution', async () => {
    const h = await setup();
    const wf = h.fake.state.addWorkflow({ name: 'Gone' });
    const e = h.fake.state.addExecution({ workflowId: wf.id, status: 'error' });
    await h.poll();
    h.fake.state.deleteExecution(e.id);
    const out = await h.api.call('runs/get-step-data', { runId: h.runOf(String(e.id)).id });
    expect(out).toMatchObject({ ok: true, vendor: 'n8n', data: { kind: 'unavailable', reason: expect.stringContaining(`n8n no longer has execution ${e.id}`) } });
  });

  it('reports a rejected key in plain words, without the key', async () => {
    const h = await setup();
    const wf = h.fake.state.addWorkflow({ name: 'Revoked' });
    const e = h.fake.state.addExecution({ workflowId: wf.id, status: 'error' });
    await h.poll();
    h.fake.state.keys.revoke(h.key);
    const out = await h.api.call('runs/get-step-data', { runId: h.runOf(String(e.id)).id });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.reason).toBe('failed');
    expect(out.message).toContain('n8n refused (401)');
    expect(out.message).not.toContain(h.key);
  });

  it('answers not_found for a run that is not in the ledger', async () => {
    const h = await setup();
    expect(await h.api.call('runs/get-step-data', { runId: 999 })).toEqual({ ok: false, reason: 'not_found', message: 'This run is no longer in the ledger.' });
  });
});
