import { createCore, type Core } from '../../../core/app.ts';
import { createGithubDriver, GITHUB_TOKEN_BUDGET } from '../../../core/sync/vendors/github/driver.ts';
import type { ConnectorConfig, ConnectorDriver } from '../../../core/sync/vendors/types.ts';
import { createHttpClient } from '../../../core/platform/http/client.ts';
import { fakeTime } from '../../support/fake-time.ts';
import { createMemoryLogger } from '../../../core/platform/logger.ts';
import { mulberry32 } from '../../../core/demo/prng.ts';
import { createSyncLoop } from '../make/sync-loop.ts';
import { startFakeGithub, type FakeGithubServer } from './server.ts';
import type { FakeGithubState, FakeWorkflow } from './state.ts';

export const GH_T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
export const GH_TOKEN = 'github_pat_11AAAAAAA0fakefakefakefake0123456789';
export const GH_REPOS = ['octo-org/website', 'octo-org/api'];

const FAILS = [
  { job: 'test', step: 'Run npm test' }, { job: 'build', step: 'Run npm run build' }, { job: 'deploy', step: 'Deploy to production' },
];

/** History per repository: two workflows, `runs` finished runs 10 minutes apart, a mix of every conclusion and some re-runs. */
export function seedGithub(state: FakeGithubState, repos: string[], runs: number, seed: number): FakeWorkflow[] {
  const random = mulberry32(seed);
  const now = state.clock.now();
  const workflows: FakeWorkflow[] = [];
  for (const full of repos) {
    state.addRepo(full);
    const wfs = [state.addWorkflow(full, 'CI', 'ci.yml'), state.addWorkflow(full, 'Deploy', 'deploy.yml')];
    workflows.push(...wfs);
    for (let k = runs; k >= 1; k -= 1) {
      const roll = random();
      const conclusion = roll < 0.12 ? 'failure' : roll < 0.14 ? 'timed_out' : roll < 0.16 ? 'cancelled' : roll < 0.18 ? 'skipped' : roll < 0.19 ? 'neutral' : roll < 0.2 ? 'startup_failure' : 'success';
      const run = state.addRun(full, wfs[k % 2]!.id, {
        at: now - k * 10 * 60_000, conclusion, durationMs: 30_000 + Math.floor(random() * 300_000),
        event: k % 7 === 0 ? 'schedule' : 'push', failing: FAILS[Math.floor(random() * FAILS.length)]!,
      });
      if (conclusion === 'failure' && random() < 0.3) {
        state.rerun(run.id);
        state.finish(run.id, 'success');
      }
    }
  }
  return workflows;
}

export interface GithubHarnessOptions {
  runs?: number;
  rateLimit?: number;
  timeoutMs?: number;
}

/** A fake GitHub, a real in-memory core with a GitHub connector, the REAL HTTP client on fake time, and a driver. */
export async function githubHarness(o: GithubHarnessOptions = {}) {
  const time = fakeTime(GH_T0);
  const fake: FakeGithubServer = await startFakeGithub({ clock: time.clock });
  fake.state.addToken(GH_TOKEN, 'octocat', o.rateLimit ?? 5000);
  const workflows = seedGithub(fake.state, GH_REPOS, o.runs ?? 230, 21);
  const logger = createMemoryLogger();
  const core: Core = createCore({ dataDir: ':memory:', clock: time.clock, logger: createMemoryLogger() });
  const config: ConnectorConfig = { id: 'gh', kind: 'github', name: 'GitHub', baseUrl: fake.url, options: { repos: GH_REPOS } };
  core.ledger.connectors.create({ id: config.id, kind: 'github', name: config.name, baseUrl: fake.url, config: config.options }, GH_T0);
  const http = createHttpClient({
    baseUrl: fake.url, clock: time.clock, sleep: time.sleep, random: () => 0.5, timeoutMs: o.timeoutMs ?? 250, budget: GITHUB_TOKEN_BUDGET, notModifiedIsFree: true, logger,
  });
  const credential = { token: GH_TOKEN as string | null };
  const build = (): ConnectorDriver => createGithubDriver({ config, http, credential: async () => credential.token, clock: time.clock, logger });
  let driver = build();
  const loop = createSyncLoop({ core, connectorId: config.id, driver: () => driver, sleep: time.sleep, now: () => time.clock.now() });
  return {
    time, fake, core, http, logger, loop, credential, config, workflows,
    driver: () => driver,
    restart(): void { driver = build(); },
    /** The fake's truth and the ledger, both as sorted `{ id, status }`. */
    compare() {
      return {
        truth: fake.state.truth().map((t) => ({ id: t.id, status: t.status })),
        ledger: loop.runs().map((r) => ({ id: r.id, status: r.status })),
      };
    },
    async close(): Promise<void> {
      core.close();
      await fake.close();
    },
  };
}

export type GithubHarness = Awaited<ReturnType<typeof githubHarness>>;
