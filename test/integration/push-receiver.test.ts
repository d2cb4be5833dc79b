import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import type { RunSummary } from '../../core/contract/runs.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { createMemorySecretStore, type MemorySecretStore } from '../../core/platform/secrets/memory-store.ts';
import { PushRepo } from '../../core/store/push-repo.ts';
import { AUTO_CREATE_SETTING } from '../../core/push/receiver-status.ts';
import { startPushReceiver, type PushReceiver } from '../../core/push/receiver.ts';
import { signingSecretRef } from '../../core/push/signing.ts';
import { ledgerDb } from '../../core/store/ledger-db.ts';

const T0 = Date.UTC(2026, 2, 2, 3, 0, 0);
const SECRET = 'whsec_test-secret-for-push-receiver';

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; text: string; json(): Record<string, unknown> }

/** Plain node:http (no browser-ish headers added). */
function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as Record<string, unknown> });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

let core: Core;
let secrets: MemorySecretStore;
let receiver: PushReceiver;
let clock: ReturnType<typeof fixedClock>;
let ids = 0;

async function dispatch(method: string, input: unknown, actor = 'alice') {
  const r = await core.dispatcher.dispatch(method, input, { actor });
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.output as Record<string, unknown>;
}

function runs(): RunSummary[] {
  return core.ledger.runs.list({ connectorIds: ['push-1', 'n8n-prod'] }, null, 500).items;
}

const ping = (path: string, options: Parameters<typeof send>[1] = {}) => send(`${receiver.url}${path}`, options);

function signed(body: string, secret = SECRET, extra: Record<string, string> = {}) {
  return {
    method: 'POST', body,
    headers: {
      'content-type': 'application/json', 'x-flowdeck-timestamp': String(Math.floor(clock.now() / 1000)),
      'x-flowdeck-signature': `sha256=${createHmac('sha256', secret).update(`${Math.floor(clock.now() / 1000)}.${body}`).digest('hex')}`, ...extra,
    },
  };
}

beforeEach(async () => {
  clock = fixedClock(T0);
  secrets = createMemorySecretStore({ [signingSecretRef('n8n-prod')]: SECRET });
  core = createCore({ dataDir: ':memory:', clock, logger: createMemoryLogger(), connectors: { secrets } });
  core.ledger.connectors.create({ id: 'push-1', kind: 'push', name: 'Heartbeats' }, T0);
  core.ledger.connectors.create({ id: 'n8n-prod', kind: 'n8n', name: 'n8n prod', baseUrl: 'https://n8n.example.com' }, T0);
  await dispatch('push/create-monitor', { connectorId: 'push-1', slug: 'nightly-backup', name: 'Nightly backup' });
  receiver = await startPushReceiver({ core, secrets, port: 0, allowSlugOnly: true, newId: () => `id-${++ids}` });
});

afterEach(async () => {
  await receiver.close();
  core.close();
});

describe('heartbeat pings (Healthchecks-compatible)', () => {
  it('pairs a start and a success into one run with a duration, persisted before the 200', async () => {
    expect((await ping('/ping/nightly-backup/start')).status).toBe(200);
    expect(runs()).toMatchObject([{ status: 'running', rawStatus: 'start', workflowName: 'Nightly backup', startedAt: T0 }]);
    clock.advance(42_000);
    const ok = await ping('/ping/nightly-backup');
    expect([ok.status, ok.text, ok.headers['ping-body-limit']]).toEqual([200, 'OK\n', '102400']);
    expect(runs()).toMatchObject([{ status: 'success', rawStatus: 'success', startedAt: T0, finishedAt: T0 + 42_000, durationMs: 42_000 }]);
    expect(runs()).toHaveLength(1);
  });

  it('turns exit code 3 into a failed run with rawStatus "exit 3", keeping the body as its message', async () => {
    await ping('/ping/nightly-backup/start');
    clock.advance(5_000);
    expect((await ping('/ping/nightly-backup/3', { method: 'POST', body: 'rsync: connection unexpectedly closed' })).status).toBe(200);
    expect(runs()).toMatchObject([{ status: 'failed', rawStatus: 'exit 3', durationMs: 5_000, errorMessage: 'rsync: connection unexpectedly closed' }]);
    await ping('/ping/nightly-backup/0');
    await ping('/ping/nightly-backup/fail', { method: 'HEAD' });
    const [latestFail, exit0] = runs();
    expect(exit0).toMatchObject({ status: 'success', rawStatus: 'exit 0', durationMs: null });
    expect(latestFail).toMatchObject({ status: 'failed', rawStatus: 'fail', errorMessage: 'The job reported a failure (/fail) without a message.' });
  });

  it('pairs finishes with starts by rid, and without rid with the latest open start', async () => {
    await ping('/ping/nightly-backup/start?rid=aaaaaaaa-0000-4000-8000-000000000001');
    clock.advance(1_000);
    await ping('/ping/nightly-backup/start?rid=bbbbbbbb-0000-4000-8000-000000000002');
    clock.advance(2_000);
    await ping('/ping/nightly-backup?rid=aaaaaaaa-0000-4000-8000-000000000001');
    clock.advance(4_000);
    await ping('/ping/nightly-backup/fail?rid=bbbbbbbb-0000-4000-8000-000000000002');
    const byStart = [...runs()].sort((a, b) => a.startedAt - b.startedAt);
    expect(byStart.map((r) => [r.status, r.durationMs])).toEqual([['success', 3_000], ['failed', 6_000]]);

    clock.advance(60_000);
    await ping('/ping/nightly-backup/start');
    clock.advance(9_000);
    await ping('/ping/nightly-backup');
    expect(runs()[0]).toMatchObject({ status: 'success', durationMs: 9_000 });
    expect(runs()).toHaveLength(3);
  });

  it('fails a start that is replaced by a new start without ever finishing', async () => {
    await ping('/ping/nightly-backup/start');
    clock.advance(3_600_000);
    await ping('/ping/nightly-backup/start');
    const [fresh, stale] = runs();
    expect(fresh).toMatchObject({ status: 'running' });
    expect(stale).toMatchObject({ status: 'failed', rawStatus: 'no finish' });
    expect(stale!.errorMessage).toMatch(/never reported finishing/);
  });

  it('keeps /log lines in the run\'s log without changing its status, truncating bodies over 100 KB', async () => {
    await ping('/ping/nightly-backup/start');
    await ping('/ping/nightly-backup/log', { method: 'POST', body: 'copied 3 of 5 volumes' });
    expect(runs()).toMatchObject([{ status: 'running' }]);
    await ping('/ping/nightly-backup', { method: 'POST', body: 'x'.repeat(150 * 1024) });
    const log = new PushRepo(ledgerDb(core.ledger)).pingsOfRun(runs()[0]!.externalId);
    expect(log.map((p) => [p.kind, p.body?.length ?? 0, p.bodyTruncated])).toEqual([['start', 0, false], ['log', 21, false], ['success', 102_400, true]]);
    expect(runs()).toMatchObject([{ status: 'success' }]);
  });

  it('answers 404 for an unknown slug, 400 for a bad exit code or rid, 405 for other methods', async () => {
    const unknown = await ping('/ping/no-such-job');
    expect([unknown.status, unknown.text]).toEqual([404, expect.stringContaining('No heartbeat monitor with slug "no-such-job"')]);
    expect((await ping('/ping/nightly-backup/256')).status).toBe(400);
    expect((await ping('/ping/nightly-backup/start?rid=not%20a%20uuid')).status).toBe(400);
    const put = await ping('/ping/nightly-backup', { method: 'PUT' });
    expect([put.status, put.headers.allow]).toEqual([405, 'GET, HEAD, POST']);
    expect(runs()).toEqual([]);
  });

  it('auto-creates a monitor for ?create=1 only when the setting is on', async () => {
    expect((await ping('/ping/new-job?create=1')).status).toBe(404);
    core.ledger.settings.set(AUTO_CREATE_SETTING, { connectorId: 'push-1' }, T0);
    expect((await ping('/ping/new-job?create=1')).status).toBe(200);
    expect(runs()).toMatchObject([{ workflowName: 'new-job', status: 'success' }]);
    expect(core.ledger.audit.list(undefined, 10)[0]).toMatchObject({ actor: 'heartbeat receiver', action: 'push/created-monitor' });
  });

  it('refuses browsers and foreign Host headers (a web page must not fake pings)', async () => {
    expect((await ping('/ping/nightly-backup', { headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect((await ping('/ping/nightly-backup', { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await ping('/ping/nightly-backup', { headers: { host: `evil.example:${receiver.port}` } })).status).toBe(403);
    expect(runs()).toEqual([]);
  });
});

const EVENT = JSON.stringify({
  workflow: { id: '42', name: 'Leads to CRM' },
  run: { id: '9001', status: 'error', startedAt: '2026-03-02T02:58:00Z', finishedAt: '2026-03-02T02:58:04Z',
    error: 'Gmail: mailbox full', url: 'https://n8n.example.com/workflow/42/executions/9001', failingStep: 'Send email' },
  source: 'n8n-error-workflow',
});
const hook = (body: string, options: Parameters<typeof send>[1] = signed(body)) => send(`${receiver.url}/hooks/n8n-prod/run-finished`, options);

describe('signed run-finished webhook', () => {
  it('records a signed event as a run, and a replayed idempotency key writes nothing new', async () => {
    const first = await hook(EVENT, signed(EVENT, SECRET, { 'idempotency-key': 'n8n-9001' }));
    expect([first.status, first.json()]).toEqual([200, { ok: true, duplicate: false, runId: '9001', status: 'failed' }]);
    const [run] = runs();
    expect(run).toMatchObject({ connectorId: 'n8n-prod', externalId: '9001', workflowName: 'Leads to CRM', status: 'failed', rawStatus: 'error', durationMs: 4_000 });
    expect(core.ledger.runs.get(run!.id)).toMatchObject({ failingStep: 'Send email', deepLink: 'https://n8n.example.com/workflow/42/executions/9001', mode: 'n8n-error-workflow' });
    const before = core.ledger.runs.get(run!.id);
    clock.advance(1_000);
    const replay = await hook(EVENT, signed(EVENT, SECRET, { 'idempotency-key': 'n8n-9001' }));
    expect([replay.status, replay.json()]).toEqual([200, { ok: true, duplicate: true, runId: '9001' }]);
    expect(core.ledger.runs.get(run!.id)).toEqual(before);
    // Without a key, the run id and status are the key.
    const noKey = JSON.stringify({ workflow: { id: 7, name: 'Backup' }, run: { id: 77, status: 'success' } });
    expect((await hook(noKey)).json()).toMatchObject({ duplicate: false });
    expect((await hook(noKey)).json()).toMatchObject({ duplicate: true });
    expect(runs()).toHaveLength(2);
  });

  it('rejects a forged or missing signature with 401 and writes nothing', async () => {
    const forged = await hook(EVENT, signed(EVENT, 'not-the-secret'));
    expect(forged.status).toBe(401);
    expect(forged.json()).toMatchObject({ ok: false, error: { code: 'signature_mismatch', message: expect.stringContaining('does not match the body') } });
    // A valid signature for another body: the body was changed on the way.
    const tampered = { ...signed(EVENT), body: EVENT.replace('"error"', '"success"') };
    const other = await hook(tampered.body, tampered);
    expect([other.status, (other.json() as { error: { code: string } }).error.code]).toEqual([401, 'signature_mismatch']);
    const missing = await hook(EVENT, { method: 'POST', body: EVENT, headers: { 'content-type': 'application/json' } });
    expect([missing.status, (missing.json() as { error: { code: string } }).error.code]).toEqual([401, 'signature_missing']);
    const noSecret = await send(`${receiver.url}/hooks/push-1/run-finished`, signed(EVENT));
    expect([noSecret.status, (noSecret.json() as { error: { code: string } }).error.code]).toEqual([401, 'no_signing_secret']);
    expect(runs()).toEqual([]);
  });

  it('refuses an oversized body with 413 and a clear message', async () => {
    const big = JSON.stringify({ workflow: { id: '1', name: 'x' }, run: { id: '1', status: 'failed', error: 'e'.repeat(120 * 1024) } });
    const answer = await hook(big);
    expect(answer.status).toBe(413);
    expect(answer.json()).toMatchObject({ error: { code: 'body_too_large', message: expect.stringMatching(/at most 102400 bytes/) } });
    expect(runs()).toEqual([]);
  });

  it('names the problem in malformed or incomplete events (400)', async () => {
    const broken = '{"workflow": {"id": "1", "name": "x"}, "run": ';
    const bad = await hook(broken);
    expect([bad.status, (bad.json() as { error: { code: string; message: string } }).error.message]).toEqual([400, expect.stringMatching(/^The body is not valid JSON: /)]);
    const noStatus = JSON.stringify({ workflow: { id: '1', name: 'x' }, run: { id: '1' } });
    expect((await hook(noStatus)).json()).toMatchObject({ error: { code: 'invalid_event', message: expect.stringContaining('run.status') } });
    const badUrl = JSON.stringify({ workflow: { id: '1', name: 'x' }, run: { id: '1', status: 'failed', url: 'javascript:alert(1)' } });
    expect((await hook(badUrl)).json()).toMatchObject({ error: { message: expect.stringContaining('run.url') } });
    const backwards = JSON.stringify({ workflow: { id: '1', name: 'x' }, run: { id: '1', status: 'failed', startedAt: '2026-03-02T02:00:00Z', finishedAt: '2026-03-02T01:00:00Z' } });
    expect((await hook(backwards)).json()).toMatchObject({ error: { message: expect.stringContaining('run.finishedAt') } });
    expect((await send(`${receiver.url}/hooks/nope/run-finished`, signed(EVENT))).status).toBe(404);
    expect(runs()).toEqual([]);
  });

  it('keeps nothing when writing fails, so the sender\'s retry is recorded once', async () => {
    await receiver.close();
    let failNext = true;
    const flaky: Core = Object.create(core) as Core;
    flaky.ingest = (page) => {
      if (failNext) {
        failNext = false;
        throw new Error('disk I/O error');
      }
      return core.ingest(page);
    };
    receiver = await startPushReceiver({ core: flaky, secrets, port: 0, allowSlugOnly: true });
    const options = signed(EVENT, SECRET, { 'idempotency-key': 'k-1' });
    expect((await hook(EVENT, options)).status).toBe(500);
    expect(runs()).toEqual([]);
    expect((await hook(EVENT, options)).json()).toMatchObject({ ok: true, duplicate: false });
    expect(runs()).toHaveLength(1);
  });
});
