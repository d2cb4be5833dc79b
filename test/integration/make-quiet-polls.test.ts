// Issue 20 acceptance (docs/vendors.md M3, M5, M15): a Make scenario polling every 15 minutes with no new data raises
// no missed-run alert over a simulated day; the same scenario switched off by Make after errors raises one incident
// (the vendor pause). Real core (in memory), real connector driver built from the saved config, real HTTP to the fake
// Make zone on 127.0.0.1, and a pinned clock that only the test moves.
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../core/app.ts';
import { contractClient } from '../../core/cli/open-core.ts';
import { createHttpClient } from '../../core/platform/http/client.ts';
import { fakeTime } from '../support/fake-time.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { createSecretStore } from '../../core/platform/secrets/index.ts';
import { startFakeMake } from '../fakes/make/server.ts';
import { ledgerDb } from '../../core/store/ledger-db.ts';

const T0 = Date.UTC(2026, 10, 25, 0, 0, 0);
const MIN = 60_000;
const TOKEN = 'c0ffee00-1234-4abc-8def-0123456789ab';
const ORG = 501;

const closers: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** One quiet polling scenario (every 15 min) that last found data an hour before T0, watched by a missed-run rule. */
async function estate() {
  const { clock, sleep } = fakeTime(T0);
  const fake = await startFakeMake({ clock });
  closers.push(() => fake.close());
  fake.state.addOrg({ id: ORG, name: 'Acme Ops', apiLimit: 60, zone: new URL(fake.url).host });
  fake.state.addToken(TOKEN, ORG);
  const scenario = fake.state.addScenario(ORG, { name: 'Watch new rows', scheduling: { type: 'indefinitely', interval: 900 } });
  fake.state.addLog(scenario.id, { status: 1, at: T0 - 60 * MIN, operations: 4 });
  for (let t = T0 - 45 * MIN; t <= T0; t += 15 * MIN) fake.state.addCheckRun(scenario.id, t);
  const core = createCore({
    dataDir: ':memory:', clock, logger: createMemoryLogger(),
    connectors: { secrets: createSecretStore({ kind: 'memory' }), createHttp: (o) => createHttpClient({ ...o, sleep, random: () => 0.5, retries: 2 }) },
  });
  const api = contractClient(core, { actor: 'owner' });
  closers.push(() => {
    api.close();
    core.close();
  });
  const added = await api.call('connectors/add-connector', { kind: 'make', name: 'Make', baseUrl: fake.url, options: { organizationId: ORG, plan: 'core' }, credential: TOKEN });
  if (!added.ok) throw new Error(added.message);
  const connectorId = added.connector.id;
  const channel = (await api.call('alerts/save-channel', { kind: 'desktop', name: 'desk' })).channel.id;
  await api.call('alerts/save-rule', { rule: {
    name: 'Missed its schedule', scope: { kind: 'all' }, condition: { kind: 'missed_run', schedule: { kind: 'auto' }, graceMinutes: 10 },
    routing: { channelIds: [channel], remindEveryMinutes: null, escalateAfterMinutes: null, backupChannelIds: [], recoveryMinutes: 0, flapMinutes: 30 },
  } });
  const pollAndEvaluate = async () => {
    expect(await core.connectors.scheduler.pollOnce(connectorId)).toMatchObject({ ok: true });
    core.alerting.engine.evaluate();
    await core.alerting.engine.settle();
  };
  const incidents = () => core.alerting.store.incidents.list('all', 100).map((i) => ({ status: i.status, summary: i.summary }));
  await pollAndEvaluate();
  return { clock, fake, scenario, core, pollAndEvaluate, incidents };
}

/** Every 5 minutes for `minutes`: the scenario checks its trigger at each 15-minute tick (when `on`), Flowdeck polls. */
async function simulate(e: Awaited<ReturnType<typeof estate>>, minutes: number, on: () => boolean): Promise<void> {
  for (let step = 0; step < minutes / 5; step += 1) {
    e.clock.advance(5 * MIN);
    if (on() && (e.clock.now() - T0) % (15 * MIN) === 0) e.fake.state.addCheckRun(e.scenario.id);
    await e.pollAndEvaluate();
  }
}

describe('Make: a quiet polling scenario over a simulated day', () => {
  it('raises no missed-run alert: trigger checks that found nothing are runs (0 items)', async () => {
    const e = await estate();
    await simulate(e, 24 * 60, () => true);
    expect(e.incidents()).toEqual([]);
    const runs = ledgerDb(e.core.ledger).prepare(`SELECT status, item_count AS items FROM runs ORDER BY started_at`).all() as { status: string; items: number | null }[];
    expect(runs.length).toBe(1 + 4 + 96);
    expect(runs[0]).toEqual({ status: 'success', items: 4 });
    expect(runs.slice(1).every((r) => r.status === 'success' && r.items === 0)).toBe(true);
  });

  it('switched off by Make after errors: one incident, the vendor pause, and no missed-run alert', async () => {
    const e = await estate();
    await simulate(e, 6 * 60, () => true);
    // Three failures in a row, then Make deactivates the scenario (and logs the change among the logs).
    for (let i = 1; i <= 3; i += 1) {
      e.clock.advance(5 * MIN);
      e.fake.state.addLog(e.scenario.id, { status: 3, operations: 2, error: { name: 'ConnectionError', message: 'Connection refused', causeModule: { name: 'Watch rows', appName: 'google-sheets' } } });
      await e.pollAndEvaluate();
    }
    e.scenario.isActive = false;
    e.fake.state.addChange(e.scenario.id, { action: 'stop', reason: 'Scenario was deactivated after consecutive errors.', isActive: false });
    await simulate(e, 18 * 60 - 15, () => false);
    const open = e.incidents();
    expect(open).toHaveLength(1);
    expect(open[0]!.summary).toMatch(/^Switched off in Make, not by Flowdeck/);
    const statuses = ledgerDb(e.core.ledger).prepare(`SELECT raw_status AS raw FROM runs`).all() as { raw: string }[];
    expect(statuses.every((r) => /^[0-3]$/.test(r.raw))).toBe(true);
  });
});
