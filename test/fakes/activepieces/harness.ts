import { createCore, type Core } from '../../../core/app.ts';
import { contractClient } from '../../../core/cli/open-core.ts';
import type { CoreClient } from '../../../core/contract/client.ts';
import type { RunDetail } from '../../../core/contract/runs.ts';
import { fixedClock } from '../../../core/platform/clock.ts';
import { createHttpClient } from '../../../core/platform/http/client.ts';
import { createMemoryLogger } from '../../../core/platform/logger.ts';
import { createMemorySecretStore } from '../../../core/platform/secrets/memory-store.ts';
import { ManualTimers } from '../../support/manual-timers.ts';
import { startFakeActivepieces, type FakeActivepieces } from './server.ts';

/**
 * The fake Activepieces behind the real core: scheduler, connector service, keychain seam (in memory), HTTP client
 * and ingest, on a pinned clock whose timers fire only when a test advances them. One project, one good key, three
 * flows; each test adds the runs it needs.
 */
export const T0 = Date.UTC(2026, 2, 2, 12, 0, 0);
export const MIN = 60_000;
export const GOOD_KEY = 'sk-fakeplatformkey000000000001';

export interface ActivepiecesHarness {
  core: Core;
  api: CoreClient;
  fake: FakeActivepieces;
  clock: ReturnType<typeof fixedClock>;
  projectId: string;
  flows: { orders: ReturnType<FakeActivepieces['state']['addFlow']>; invoices: ReturnType<FakeActivepieces['state']['addFlow']>; digest: ReturnType<FakeActivepieces['state']['addFlow']> };
  /** What the "Add connector" form sends for this fake. */
  draft(over?: { credential?: string; baseUrl?: string; projectId?: string }): {
    kind: 'activepieces'; name: string; baseUrl: string; options: Record<string, string | number>; credential: string;
  };
  /** Moves the clock by `ms`, firing due timers and waiting for the polls they start. */
  advance(ms: number): Promise<void>;
  /** The connector's runs in the ledger, by Activepieces run id. */
  runs(connectorId: string): Map<string, RunDetail>;
  close(): Promise<void>;
}

export async function activepiecesHarness(): Promise<ActivepiecesHarness> {
  const clock = fixedClock(T0);
  const timers = new ManualTimers(clock);
  const fake = await startFakeActivepieces({ clock });
  const { state } = fake;
  state.grant(GOOD_KEY);
  const projectId = state.addProject();
  const flows = {
    orders: state.addFlow(projectId, 'Shop orders to Sheets', T0 - 40 * 24 * 60 * MIN),
    invoices: state.addFlow(projectId, 'Invoices to accounting', T0 - 30 * 24 * 60 * MIN),
    digest: state.addFlow(projectId, 'Weekly digest', T0 - 20 * 24 * 60 * MIN, 'DISABLED'),
  };
  const core = createCore({
    dataDir: ':memory:', clock, logger: createMemoryLogger(),
    connectors: {
      secrets: createMemorySecretStore(), timers, random: () => 0.5,
      createHttp: (o) => createHttpClient({ ...o, sleep: async (ms) => clock.advance(ms), random: () => 0.5, timeoutMs: 500, retries: 1 }),
    },
  });
  const api = contractClient(core, { actor: 'alice' });
  return {
    core, api, fake, clock, projectId, flows,
    draft: (over = {}) => ({
      kind: 'activepieces', name: 'Activepieces', baseUrl: over.baseUrl ?? fake.url,
      options: { projectId: over.projectId ?? projectId, pageSize: 5 }, credential: over.credential ?? GOOD_KEY,
    }),
    advance: (ms) => timers.advance(ms, () => core.connectors.scheduler.idle()),
    runs: (connectorId) => {
      const page = core.ledger.runs.list({ connectorIds: [connectorId] }, null, 500);
      return new Map(page.items.map((r) => [r.externalId, core.ledger.runs.get(r.id)!]));
    },
    close: async () => {
      api.close();
      await core.connectors.scheduler.stop();
      core.close();
      await fake.close();
    },
  };
}
