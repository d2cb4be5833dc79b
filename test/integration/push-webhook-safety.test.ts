// The webhook receiver's replay and retry gaps: a reused Idempotency-Key with another body is a 409 (not a silent
// "duplicate"), signatures cover a timestamp that must be within 5 minutes, and a retried ping with the same rid
// (its first reply lost) is counted once.
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { createMemorySecretStore } from '../../core/platform/secrets/memory-store.ts';
import { startPushReceiver, type PushReceiver } from '../../core/push/receiver.ts';
import { signingSecretRef } from '../../core/push/signing.ts';

const T0 = Date.UTC(2026, 2, 2, 3, 0, 0);
const SECRET = 'whsec_webhook-safety';
let core: Core;
let receiver: PushReceiver;
let clock: ReturnType<typeof fixedClock>;

beforeEach(async () => {
  clock = fixedClock(T0);
  const secrets = createMemorySecretStore({ [signingSecretRef('n8n-prod')]: SECRET });
  core = createCore({ dataDir: ':memory:', clock, logger: createMemoryLogger(), connectors: { secrets } });
  core.ledger.connectors.create({ id: 'push-1', kind: 'push', name: 'Heartbeats' }, T0);
  core.ledger.connectors.create({ id: 'n8n-prod', kind: 'n8n', name: 'n8n prod', baseUrl: 'https://n8n.example.com' }, T0);
  const r = await core.dispatcher.dispatch('push/create-monitor', { connectorId: 'push-1', slug: 'nightly-backup', name: 'Nightly backup' }, { actor: 'a' });
  expect(r.ok).toBe(true);
  receiver = await startPushReceiver({ core, secrets, port: 0, allowSlugOnly: true });
});
afterEach(async () => {
  await receiver.close();
  core.close();
});

const event = (error: string) => JSON.stringify({ workflow: { id: '42', name: 'Leads' }, run: { id: '9001', status: 'error', error }, source: 'test' });
function post(body: string, o: { key?: string; ts?: number | null; secret?: string } = {}) {
  const ts = o.ts === undefined ? Math.floor(clock.now() / 1000) : o.ts;
  const signedText = ts === null ? body : `${ts}.${body}`;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-flowdeck-signature': `sha256=${createHmac('sha256', o.secret ?? SECRET).update(signedText).digest('hex')}`,
    ...(ts === null ? {} : { 'x-flowdeck-timestamp': String(ts) }),
    ...(o.key ? { 'idempotency-key': o.key } : {}),
  };
  return fetch(`${receiver.url}/hooks/n8n-prod/run-finished`, { method: 'POST', body, headers });
}
const runCount = () => core.ledger.runs.list({ connectorIds: ['push-1', 'n8n-prod'] }, null, 500).items.length;

describe('signed webhooks', () => {
  it('answers 409 when an Idempotency-Key comes back with a different body', async () => {
    expect((await post(event('mailbox full'), { key: 'k-1' })).status).toBe(200);
    const same = await post(event('mailbox full'), { key: 'k-1' });
    expect(await same.json()).toMatchObject({ ok: true, duplicate: true });
    const other = await post(event('quota exceeded'), { key: 'k-1' });
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({ ok: false, error: { code: 'idempotency_key_reused' } });
  });

  it('refuses a signature without a timestamp, and a captured request replayed after 5 minutes under a fresh key', async () => {
    const untimed = await post(event('x'), { ts: null, key: 'k-2' });
    expect(untimed.status).toBe(401);
    expect(await untimed.json()).toMatchObject({ error: { code: 'signature_timestamp_missing' } });

    const capturedAt = Math.floor(clock.now() / 1000);
    expect((await post(event('x'), { ts: capturedAt, key: 'k-3' })).status).toBe(200);
    clock.advance(5 * 60_000 + 1000);
    const replay = await post(event('x'), { ts: capturedAt, key: 'k-fresh' });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ error: { code: 'signature_expired' } });
    // A timestamp from the future beyond the window is refused too; a current one is fine.
    expect((await post(event('y'), { ts: capturedAt + 3600, key: 'k-4' })).status).toBe(401);
    expect((await post(event('y'), { key: 'k-5' })).status).toBe(200);
  });
});

describe('pings', () => {
  it('a retried ping with the same rid is counted once (start and finish)', async () => {
    const rid = 'aaaaaaaa-0000-4000-8000-000000000001';
    expect((await fetch(`${receiver.url}/ping/nightly-backup/start?rid=${rid}`)).status).toBe(200);
    expect((await fetch(`${receiver.url}/ping/nightly-backup/start?rid=${rid}`)).status).toBe(200);
    clock.advance(3000);
    expect((await fetch(`${receiver.url}/ping/nightly-backup?rid=${rid}`)).status).toBe(200);
    expect((await fetch(`${receiver.url}/ping/nightly-backup?rid=${rid}`)).status).toBe(200);
    const runs = core.ledger.runs.list({ connectorIds: ['push-1'] }, null, 50).items;
    expect(runs.map((r) => [r.status, r.durationMs])).toEqual([['success', 3000]]);
    expect(runCount()).toBe(1);
  });
});
