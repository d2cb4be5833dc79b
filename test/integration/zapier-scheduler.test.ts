import { auditActorOf } from '../../core/contract/actor.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { createHttpClient } from '../../core/platform/http/client.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { createMemorySecretStore } from '../../core/platform/secrets/memory-store.ts';
import { ManualTimers } from '../support/manual-timers.ts';
import { ConnectorSyncRepo } from '../../core/store/connector-sync-repo.ts';
import { startFakeZapier, type FakeZapier } from '../fakes/zapier/server.ts';
import { ledgerDb } from '../../core/store/ledger-db.ts';

// The Zapier driver behind the real scheduler, connector service, HTTP client and keychain seam: the connector's
// health and message along a revoked token, server errors and recovery.

const T0 = Date.UTC(2026, 2, 2, 12, 0, 0);
const MIN = 60_000;

let core: Core | null = null;
let fake: FakeZapier | null = null;
afterEach(async () => {
  await core?.connectors.scheduler.stop();
  core?.close();
  await fake?.close();
  core = null;
  fake = null;
});

describe('Zapier connector under the scheduler', () => {
  it('says what is wrong along the way (revoked token, server errors) and recovers to the fake\'s truth', async () => {
    const clock = fixedClock(T0);
    const timers = new ManualTimers(clock);
    fake = await startFakeZapier({ clock });
    const zapier = fake;
    zapier.state.grant('zap-token-1');
    const zap = zapier.state.addZap('Leads to CRM', T0 - 30 * 24 * 60 * MIN);
    for (let i = 0; i < 30; i++) zapier.state.addRun(zap, i % 5 ? 'success' : 'error', T0 - (30 - i) * 10 * MIN);
    const secrets = createMemorySecretStore();
    const c = createCore({
      dataDir: ':memory:', clock, logger: createMemoryLogger(),
      connectors: {
        secrets, timers, random: () => 0.5,
        createHttp: (o) => createHttpClient({ ...o, sleep: async (ms) => clock.advance(ms), random: () => 0.5, timeoutMs: 500, retries: 1 }),
      },
    });
    core = c;
    const advance = (ms: number) => timers.advance(ms, () => c.connectors.scheduler.idle());
    const health = (id: string) => {
      const s = new ConnectorSyncRepo(ledgerDb(c.ledger)).get(id)!;
      return { health: s.health, message: s.healthMessage };
    };
    const seen: { health: string; message: string | null }[] = [];
    c.events.subscribe('connectors/health-changed', (payload) => seen.push(payload));
    const tested = await c.connectors.service.test({ kind: 'zapier', name: 'Zapier', baseUrl: zapier.url, options: { pageSize: 10 }, credential: 'zap-token-1' });
    expect(tested).toMatchObject({ ok: true, workflows: 1 });
    const added = await c.connectors.service.add({ kind: 'zapier', name: 'Zapier', baseUrl: zapier.url, options: { pageSize: 10 }, credential: 'zap-token-1' }, auditActorOf({ actor: 'alice' }));
    if (!added.ok) throw new Error(added.message);
    const id = added.connector.id;
    c.connectors.scheduler.start();
    await advance(0);
    await advance(MIN);
    expect(c.ledger.runs.count()).toBe(30);
    expect(health(id).health).toBe('ok');

    zapier.state.revoke('zap-token-1');
    zapier.state.addRun(zap, 'success', clock.now());
    await advance(15 * MIN);
    expect(health(id)).toMatchObject({ health: 'needs_attention', message: expect.stringContaining('Zapier rejected the access token') });

    zapier.state.grant('zap-token-2');
    expect(await c.connectors.service.setCredential(id, 'zap-token-2', auditActorOf({ actor: 'alice' }))).toMatchObject({ ok: true });
    await advance(MIN);
    expect(health(id).health).toBe('ok');
    expect(c.ledger.runs.count()).toBe(31);

    zapier.plan.add({ kind: 'status-503', times: 4 });
    zapier.state.addRun(zap, 'held', clock.now());
    seen.length = 0;
    await advance(30 * MIN);
    // Degraded (retrying) while the 503s last — two polls of two attempts each — then ok again.
    expect(seen.map((e) => e.health)).toEqual(['degraded', 'degraded', 'ok']);
    expect(seen[0]!.message).toContain('Zapier had a server error (503)');
    expect(health(id).health).toBe('ok');
    expect(c.ledger.runs.count()).toBe(zapier.state.runs.length);
    expect(c.ledger.runs.list({ statuses: ['failed'] }, null, 100).items.map((r) => r.rawStatus).sort()).toEqual([...Array(6).fill('error'), 'held']);
  });
});
