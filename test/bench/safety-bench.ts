/**
 * Figures for the security issue's targets: the push receiver's ping p99 while lint runs a catastrophic naming
 * pattern over and over (target: under 50 ms), and how long the full integrity check takes on the bench ledger
 * (serve runs it once before the console opens).
 */
import { request } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createCore } from '../../core/app.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { createMemorySecretStore } from '../../core/platform/secrets/memory-store.ts';
import { startPushReceiver } from '../../core/push/receiver.ts';
import { quickCheck } from '../../core/store/storage.ts';
import { percentile } from './stats.ts';

const T0 = Date.UTC(2026, 2, 2, 3);

function ping(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode ?? 0)); });
    req.on('error', reject);
    req.end();
  });
}

export async function benchPingDuringLint(pings = 400): Promise<{ p50: number; p99: number }> {
  const core = createCore({ dataDir: ':memory:', clock: fixedClock(T0), logger: createMemoryLogger(), connectors: { secrets: createMemorySecretStore({}) } });
  core.ledger.connectors.create({ id: 'push-1', kind: 'push', name: 'Heartbeats' }, T0);
  core.ledger.connectors.create({ id: 'n8n-main', kind: 'n8n', name: 'n8n main' }, T0);
  core.ingest({ connectorId: 'n8n-main', cursor: 'c1', records: Array.from({ length: 200 }, (_, i) => ({
    externalId: `exec-${i}`, workflow: { externalId: `wf-${i}`, name: i === 0 ? 'Backup all Stripe and Xero invoicesat 2am' : `Billing Workflow ${i}` },
    rawStatus: 'success', status: 'success' as const, startedAt: T0 - 60_000 * (i + 1), finishedAt: T0 - 60_000 * i, durationMs: 60_000,
  })) });
  const call = (method: string, input: unknown) => core.dispatcher.dispatch(method, input, { actor: 'bench' });
  await call('push/create-monitor', { connectorId: 'push-1', slug: 'nightly-backup', name: 'Nightly backup' });
  await call('registry/save-settings', { namingPattern: '^([A-Za-z]+ ?)+$', namingExample: 'Billing Stripe' });
  const receiver = await startPushReceiver({ core, secrets: createMemorySecretStore({}), port: 0, allowSlugOnly: true });
  let linting = true;
  const loop = (async () => {
    while (linting) {
      await call('registry/lint', {});
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  const latencies: number[] = [];
  for (let i = 0; i < pings; i++) {
    const t = performance.now();
    await ping(`${receiver.url}/ping/nightly-backup/log`);
    latencies.push(performance.now() - t);
  }
  linting = false;
  await loop;
  await receiver.close();
  core.close();
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

/** Milliseconds for PRAGMA quick_check over the ledger in `dir` (opened read-only). */
export function benchQuickCheck(dir: string): number {
  const db = new Database(join(dir, 'flowdeck.db'), { readonly: true });
  try {
    const t = performance.now();
    const problem = quickCheck(db);
    if (problem) throw new Error(`the bench ledger failed its check: ${problem}`);
    return performance.now() - t;
  } finally {
    db.close();
  }
}
