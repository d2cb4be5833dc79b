import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { createMemorySecretStore } from '../../core/platform/secrets/memory-store.ts';
import { startPushReceiver, type PushReceiver } from '../../core/push/receiver.ts';

/**
 * A saved naming pattern must not freeze the core. `^([A-Za-z]+ ?)+$` backtracks exponentially in a
 * backtracking engine: on this 41-character name V8's RegExp blocks the event loop for seconds.
 */
const T0 = Date.UTC(2026, 2, 2, 3, 0, 0);
const CATASTROPHIC = '^([A-Za-z]+ ?)+$';
const NAME_41 = 'Backup all Stripe and Xero invoicesat 2am';

let core: Core;
let receiver: PushReceiver;

async function dispatch(method: string, input: unknown) {
  const r = await core.dispatcher.dispatch(method, input, { actor: 'alice' });
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.output as Record<string, unknown>;
}

function ping(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${receiver.url}${path}`, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode ?? 0)); });
    req.on('error', reject);
    req.end();
  });
}

beforeEach(async () => {
  const clock = fixedClock(T0);
  core = createCore({ dataDir: ':memory:', clock, logger: createMemoryLogger(), connectors: { secrets: createMemorySecretStore({}) } });
  core.ledger.connectors.create({ id: 'push-1', kind: 'push', name: 'Heartbeats' }, T0);
  core.ledger.connectors.create({ id: 'n8n-main', kind: 'n8n', name: 'n8n main' }, T0);
  core.ingest({
    connectorId: 'n8n-main', cursor: 'c1',
    records: [0, 1, 2].map((i) => ({
      externalId: `exec-${i}`, workflow: { externalId: `wf-${i}`, name: i === 0 ? NAME_41 : `Billing Workflow ${['one', 'two'][i - 1]}` },
      rawStatus: 'success', status: 'success', startedAt: T0 - 60_000 * (i + 1), finishedAt: T0 - 60_000 * i, durationMs: 60_000, errorMessage: null, deepLink: null,
    })),
  });
  await dispatch('push/create-monitor', { connectorId: 'push-1', slug: 'nightly-backup', name: 'Nightly backup' });
  receiver = await startPushReceiver({ core, secrets: createMemorySecretStore({}), port: 0, allowSlugOnly: true });
});

afterEach(async () => {
  await receiver.close();
  core.close();
});

describe('naming patterns run in linear time', () => {
  it('lint with the catastrophic pattern on a 41-character name returns at once and flags the name', async () => {
    expect(await dispatch('registry/save-settings', { namingPattern: CATASTROPHIC, namingExample: 'Billing Stripe' })).toMatchObject({ ok: true });
    const started = performance.now();
    const lint = await dispatch('registry/lint', {}) as { findings: { rule: string; workflowName: string }[] };
    expect(performance.now() - started).toBeLessThan(1000);
    expect(lint.findings.filter((f) => f.rule === 'naming').map((f) => f.workflowName)).toEqual([NAME_41]);
  });

  it('the push receiver keeps answering pings at once (p99 target 50 ms) while lint runs over and over', async () => {
    await dispatch('registry/save-settings', { namingPattern: CATASTROPHIC, namingExample: 'Billing Stripe' });
    let linting = true;
    const lintLoop = (async () => {
      while (linting) {
        await dispatch('registry/lint', {});
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const latencies: number[] = [];
    for (let i = 0; i < 100; i += 1) {
      const t = performance.now();
      expect(await ping(`/ping/nightly-backup/log`)).toBe(200);
      latencies.push(performance.now() - t);
    }
    linting = false;
    await lintLoop;
    latencies.sort((a, b) => a - b);
    // The target is p99 < 50 ms (measured 10–20 ms on an idle machine; V8's backtracking RegExp made every ping
    // wait seconds). Asserted with headroom, so a busy shared CI machine does not fail the test by itself.
    expect(latencies[98]).toBeLessThan(250);
  });

  it('refuses a pattern the safe engine cannot run, saying why', async () => {
    const r = await dispatch('registry/save-settings', { namingPattern: '^(\\w+) \\1$', namingExample: 'x' });
    expect(r).toMatchObject({ ok: false, reason: 'invalid' });
    expect(r['message']).toMatch(/back-reference/i);
    const look = await dispatch('registry/save-settings', { namingPattern: '^(?=Billing).*$', namingExample: 'x' });
    expect(look['message']).toMatch(/look-ahead/i);
  });
});
