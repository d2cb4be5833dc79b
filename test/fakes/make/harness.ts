import { createCore, type Core } from '../../../core/app.ts';
import { createMakeDriver, makeBudgetFor } from '../../../core/sync/vendors/make/driver.ts';
import type { ConnectorConfig, ConnectorDriver } from '../../../core/sync/vendors/types.ts';
import { createHttpClient } from '../../../core/platform/http/client.ts';
import { fakeTime } from '../../support/fake-time.ts';
import { createMemoryLogger } from '../../../core/platform/logger.ts';
import { seedEstate, type EstateOptions } from './estate.ts';
import { startFakeMake, type FakeMakeServer } from './server.ts';
import type { FakeScenario } from './state.ts';
import { createSyncLoop } from './sync-loop.ts';

export const MAKE_T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
export const MAKE_TOKEN = 'c0ffee00-1234-4abc-8def-0123456789ab';
export const MAKE_ORG = 501;

export interface MakeHarnessOptions {
  plan?: string;
  apiLimit?: number;
  estate?: Partial<EstateOptions>;
  timeoutMs?: number;
  options?: Record<string, unknown>;
}

/**
 * A fake Make organisation, a real in-memory core with a Make connector, the REAL resilient HTTP client (rate
 * budget from the plan) on fake time, and a driver over them. `close()` stops everything.
 */
export async function makeHarness(o: MakeHarnessOptions = {}) {
  const time = fakeTime(MAKE_T0);
  const fake: FakeMakeServer = await startFakeMake({ clock: time.clock });
  fake.state.addOrg({ id: MAKE_ORG, name: 'Acme Ops', apiLimit: o.apiLimit ?? 60, zone: new URL(fake.url).host });
  fake.state.addToken(MAKE_TOKEN, MAKE_ORG);
  const scenarios: FakeScenario[] = seedEstate(fake.state, {
    orgId: MAKE_ORG, scenarios: 4, logsPerScenario: 120, spacingMs: 10 * 60_000, failureRate: 0.1, seed: 7, ...o.estate,
  });
  const logger = createMemoryLogger();
  const core: Core = createCore({ dataDir: ':memory:', clock: time.clock, logger: createMemoryLogger() });
  const plan = o.plan ?? 'core';
  const config: ConnectorConfig = { id: 'mk', kind: 'make', name: 'Make EU', baseUrl: fake.url, options: { organizationId: MAKE_ORG, plan, ...o.options } };
  core.ledger.connectors.create({ id: config.id, kind: 'make', name: config.name, baseUrl: fake.url, config: config.options }, MAKE_T0);
  const http = createHttpClient({
    baseUrl: fake.url, clock: time.clock, sleep: time.sleep, random: () => 0.5, timeoutMs: o.timeoutMs ?? 250,
    budget: makeBudgetFor(plan), logger,
  });
  const credential = { token: MAKE_TOKEN as string | null };
  const build = (): ConnectorDriver => createMakeDriver({ config, http, credential: async () => credential.token, clock: time.clock, logger });
  let driver = build();
  const hooks: { beforeCall: (() => void) | null } = { beforeCall: null };
  const loop = createSyncLoop({
    core, connectorId: config.id, driver: () => driver, sleep: time.sleep, now: () => time.clock.now(), beforeCall: () => hooks.beforeCall?.(),
  });
  return {
    time, fake, core, http, logger, scenarios, loop, credential, config, hooks,
    driver: () => driver,
    /** A new driver instance, as after an app restart (in-memory caches gone, cursor from the ledger). */
    restart(): void { driver = build(); },
    async close(): Promise<void> {
      core.close();
      await fake.close();
    },
  };
}

export type MakeHarness = Awaited<ReturnType<typeof makeHarness>>;

const WORDS = ['running', 'success', 'warning', 'failed'] as const;

/** The fake's truth in ledger terms, and the ledger as it stands, for an exact comparison. */
export function makeTruthAndLedger(h: MakeHarness) {
  const truth = h.fake.state.truth()
    .map((t) => ({ id: t.externalId, status: WORDS[t.status] as string }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const runs = h.loop.runs();
  return { truth, ledger: runs.map((r) => ({ id: r.id, status: r.status })), runs };
}

/** Failed runs, and warnings from handled errors, whose error text and failing module the ledger does not hold as Make gave them. */
export function missingMakeErrors(h: MakeHarness): string[] {
  const byId = new Map(h.loop.runs().map((r) => [r.id, r]));
  const out: string[] = [];
  for (const t of h.fake.state.truth()) {
    if ((t.status !== 3 && t.status !== 2) || !t.error) continue;
    const r = byId.get(t.externalId);
    const want = `${t.error.name}: ${t.error.message}`;
    const step = `${t.error.causeModule.name} (${t.error.causeModule.appName})`;
    if (!r || r.error !== want || r.step !== step) out.push(t.externalId);
  }
  return out;
}
