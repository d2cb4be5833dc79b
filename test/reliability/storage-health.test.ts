// A read-only or damaged ledger says so plainly: system/get-status gives the reason, the push receiver answers
// 503 with Retry-After (never 500), write methods are refused with the same reason, the launch link still signs
// in, and a damaged ledger names the last backup that passed its check (pruning never deletes that one).
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import type { StatusOutput } from '../../core/contract/system.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { createMemorySecretStore } from '../../core/platform/secrets/memory-store.ts';
import { startPushReceiver, type PushReceiver } from '../../core/push/receiver.ts';
import { startServer } from '../../core/server/server.ts';
import { listBackups, pruneBackups } from '../../core/store/backup.ts';
import { makeRendererFixture } from '../integration/helpers/ws.ts';
import { flipMiddlePage } from './damage.ts';
import { ledgerDb } from '../../core/store/ledger-db.ts';

const dirs: string[] = [];
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

function open(dataDir: string): Core {
  const core = createCore({ dataDir, logger: createMemoryLogger(), backups: { autoStart: false }, alerting: { autoStart: false } });
  closers.push(() => core.close());
  return core;
}

async function status(core: Core): Promise<StatusOutput> {
  const r = await core.dispatcher.dispatch('system/get-status', {}, { actor: 'test' });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.output as StatusOutput;
}

function get(url: string): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function withReceiver(core: Core): Promise<PushReceiver> {
  core.ledger.connectors.create({ id: 'push-1', kind: 'push', name: 'Heartbeats' }, Date.now());
  const r = await core.dispatcher.dispatch('push/create-monitor', { connectorId: 'push-1', slug: 'nightly-backup', name: 'Nightly backup' }, { actor: 'test' });
  expect(r.ok).toBe(true);
  const receiver = await startPushReceiver({ core, secrets: createMemorySecretStore({}), port: 0, allowSlugOnly: true });
  closers.push(() => receiver.close());
  return receiver;
}

let n = 0;
function page(count: number) {
  return { connectorId: 'c1', cursor: `c${n}`, records: Array.from({ length: count }, () => {
    n++;
    return { externalId: `r${n}`, workflow: { externalId: `w${n % 5}`, name: `Workflow ${n % 5}` }, rawStatus: 'error', status: 'failed' as const,
      startedAt: Date.UTC(2026, 10, 25) + n * 60_000, durationMs: n, errorMessage: `failure ${n} ${'x'.repeat(1500)}` };
  }) };
}

describe('storage health on every write path', () => {
  it('a read-only store: status says why before any write, pings get 503 + Retry-After, writes are refused, sign-in works', async () => {
    const core = open(tempDir('flowdeck-ro-health-'));
    const receiver = await withReceiver(core);
    expect((await get(`${receiver.url}/ping/nightly-backup`)).status).toBe(200);
    const fixture = makeRendererFixture();
    dirs.push(fixture.root);
    const server = await startServer({ core, rendererDir: fixture.rendererDir, port: 0, launchActor: 'owner' });
    closers.push(() => server.close());

    ledgerDb(core.ledger).pragma('query_only = ON');
    const s = await status(core);
    expect(s.storage.state).toBe('read_only');
    expect(s.storage.message).toMatch(/read-only/);

    const ping = await get(`${receiver.url}/ping/nightly-backup`);
    expect(ping.status).toBe(503);
    expect(ping.headers['retry-after']).toBe('60');
    expect(ping.text).toMatch(/read-only/);

    const write = await core.dispatcher.dispatch('push/create-monitor', { connectorId: 'push-1', slug: 'other', name: 'Other' }, { actor: 'test' });
    expect(write).toMatchObject({ ok: false, error: { kind: 'unavailable', code: 'storage_unavailable' } });
    expect(JSON.stringify(write)).toMatch(/read-only/);

    const signIn = await get(`${server.url}`);
    expect(signIn.status).toBe(303);

    ledgerDb(core.ledger).pragma('query_only = OFF');
    expect((await status(core)).storage).toEqual({ state: 'ok', message: null });
    expect((await get(`${receiver.url}/ping/nightly-backup`)).status).toBe(200);
  });

  it('a damaged ledger: quick_check reports it at once naming the last good backup; pings 503; a damaged copy never replaces a good backup', async () => {
    const dir = tempDir('flowdeck-damaged-');
    const first = open(dir);
    first.ledger.connectors.create({ id: 'c1', kind: 'n8n', name: 'c1' }, Date.now());
    for (let i = 0; i < 8; i++) first.ingest(page(400));
    const good = await first.backups.create('manual');
    ledgerDb(first.ledger).pragma('wal_checkpoint(TRUNCATE)');
    closers.pop();
    first.close();

    flipMiddlePage(join(dir, 'flowdeck.db'));

    const core = open(dir);
    const receiver = await withReceiver(core);
    core.storage.checkIntegrity();
    const s = await status(core);
    expect(s.storage.state).toBe('error');
    expect(s.storage.message).toMatch(/damaged/);
    expect(s.storage.message).toContain(good.file);
    const ping = await get(`${receiver.url}/ping/nightly-backup`);
    expect([ping.status, ping.headers['retry-after']]).toEqual([503, '60']);
    expect(ping.text).toContain(good.file);

    const copy = await core.backups.create('manual');
    expect(copy.reason).toBe('manual-damaged');
    pruneBackups(dir, 0, 'manual');
    pruneBackups(dir, 0, 'damaged');
    expect(listBackups(dir).map((b) => b.file)).toContain(good.file);
  });
});
