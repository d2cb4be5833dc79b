import { auditActorOf } from '../../core/contract/actor.ts';
/**
 * Connector figures for `npm run bench`: mapping an n8n executions page, and the CPU of one polling cycle of 50
 * connectors (n8n, Make and GitHub fakes on 127.0.0.1, 500 workflows in all) through the real scheduler, drivers,
 * HTTP client and ingest. Measures only; nothing passes or fails here.
 */
import { createCore, type Core } from '../../core/app.ts';
import { mapExecutionPage } from '../../core/sync/vendors/n8n/mapper.ts';
import type { ConnectorDraft } from '../../core/contract/connectors.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { createSecretStore } from '../../core/platform/secrets/index.ts';
import { startFakeGithub, type FakeGithubServer } from '../fakes/github/server.ts';
import { startFakeMake, type FakeMakeServer } from '../fakes/make/server.ts';
import { samplePage } from '../fakes/n8n/seed.ts';
import { startFakeN8n, type FakeN8n } from '../fakes/n8n/server.ts';
import { N8nState } from '../fakes/n8n/state.ts';

/** Records per second mapping a JSON round-tripped 100-execution page (after a warm-up). */
export function benchN8nMap(iterations = 2000): number {
  const body = JSON.parse(JSON.stringify(samplePage(new N8nState(), 100))) as unknown;
  const ctx = { baseUrl: 'https://n8n.example.com', workflowNames: new Map<string, string>() };
  let sink = 0;
  for (let i = 0; i < 200; i++) sink += mapExecutionPage(body, ctx).length;
  const t = performance.now();
  for (let i = 0; i < iterations; i++) sink += mapExecutionPage(body, ctx).length;
  const seconds = (performance.now() - t) / 1000;
  if (sink === 0) throw new Error('the n8n page mapped to nothing');
  return (iterations * 100) / seconds;
}

const CONNECTORS = 50;
const WORKFLOWS_EACH = 10;
const HISTORY_EACH = 3;
const clock = { now: () => Date.now() };

interface Vendor {
  draft: Omit<ConnectorDraft, 'name'>;
  /** New runs since the last poll: a few per connector, one of them failed. */
  addRuns(cycle: number): void;
  close(): Promise<void>;
}

async function n8nVendor(i: number): Promise<Vendor> {
  const fake: FakeN8n = await startFakeN8n({ state: new N8nState({ now: clock.now }) });
  const ids = Array.from({ length: WORKFLOWS_EACH }, (_, k) => fake.state.addWorkflow({ name: `n8n ${i} flow ${k}`, active: true }).id);
  const add = (k: number, failed: boolean, at: number) => fake.state.addExecution({
    workflowId: ids[k % ids.length]!, status: failed ? 'error' : 'success', startedAt: at, durationMs: 800,
    ...(failed ? { error: { message: 'Request failed with status code 502', node: 'Do Work', style: 'node' } } : {}),
  });
  const t0 = Date.now() - 3_600_000;
  for (let k = 0; k < WORKFLOWS_EACH * HISTORY_EACH; k++) add(k, k % 9 === 0, t0 + k * 60_000);
  return {
    draft: { kind: 'n8n', baseUrl: fake.url, options: {}, credential: fake.state.keys.issue() },
    addRuns: (cycle) => { add(cycle, false, Date.now() - 2000); add(cycle + 1, cycle % 2 === 0, Date.now() - 1000); },
    close: () => fake.close(),
  };
}

async function makeVendor(i: number): Promise<Vendor> {
  const fake: FakeMakeServer = await startFakeMake({ clock });
  const org = 700 + i;
  fake.state.addOrg({ id: org, name: `Org ${i}`, apiLimit: 1000, zone: new URL(fake.url).host });
  const token = `bench-make-token-${i}`;
  fake.state.addToken(token, org);
  const ids = Array.from({ length: WORKFLOWS_EACH }, (_, k) => fake.state.addScenario(org, { name: `Make ${i} scenario ${k}` }).id);
  const error = { name: 'ConnectionError', message: 'Connection refused: api.example.test:443', causeModule: { name: 'Make a request', appName: 'http' } };
  const add = (k: number, failed: boolean, at: number) => fake.state.addLog(ids[k % ids.length]!, { status: failed ? 3 : 1, at, ...(failed ? { error } : {}) });
  const t0 = Date.now() - 3_600_000;
  for (let k = 0; k < WORKFLOWS_EACH * HISTORY_EACH; k++) add(k, k % 9 === 0, t0 + k * 60_000);
  return {
    draft: { kind: 'make', baseUrl: fake.url, options: { organizationId: org, plan: 'enterprise' }, credential: token },
    addRuns: (cycle) => { add(cycle, false, Date.now() - 2000); add(cycle + 1, cycle % 2 === 0, Date.now() - 1000); },
    close: () => fake.close(),
  };
}

async function githubVendor(i: number): Promise<Vendor> {
  const fake: FakeGithubServer = await startFakeGithub({ clock });
  const token = `github_pat_bench_${i}`;
  fake.state.addToken(token);
  const repos = [`acme/app-${i}`, `acme/ops-${i}`];
  const wfs = repos.flatMap((full) => {
    fake.state.addRepo(full);
    return Array.from({ length: WORKFLOWS_EACH / 2 }, (_, k) => ({ full, id: fake.state.addWorkflow(full, `CI ${k}`, `ci-${k}.yml`).id }));
  });
  const add = (k: number, failed: boolean, at: number) => {
    const wf = wfs[k % wfs.length]!;
    fake.state.addRun(wf.full, wf.id, { at, conclusion: failed ? 'failure' : 'success', durationMs: 60_000, failing: { job: 'test', step: 'Run npm test' } });
  };
  const t0 = Date.now() - 3_600_000;
  for (let k = 0; k < WORKFLOWS_EACH * HISTORY_EACH; k++) add(k, k % 9 === 0, t0 + k * 60_000);
  return {
    draft: { kind: 'github', baseUrl: fake.url, options: { repos: repos.join(', ') }, credential: token },
    addRuns: (cycle) => { add(cycle, false, Date.now() - 120_000); add(cycle + 1, cycle % 2 === 0, Date.now() - 90_000); },
    close: () => fake.close(),
  };
}

export interface PollCycleFigures {
  cpuMs: number;
  wallMs: number;
  connectors: number;
  workflows: number;
  runsIngested: number;
}

/**
 * One full polling cycle of 50 connectors after their first sync: `scheduler.pollOnce` for all of them at once
 * (workflow lists, new runs, refresh of unfinished ones), timed with `process.cpuUsage()`. The fakes run in this
 * process, so their CPU is in the figure too.
 */
export async function benchPollCycle(): Promise<PollCycleFigures> {
  const makers = [n8nVendor, makeVendor, githubVendor];
  const vendors = await Promise.all(Array.from({ length: CONNECTORS }, (_, i) => makers[i % makers.length]!(i)));
  const core: Core = createCore({
    dataDir: ':memory:', logger: createMemoryLogger(), backups: { autoStart: false },
    connectors: { secrets: createSecretStore({ kind: 'memory' }), concurrency: 8 },
  });
  try {
    const ids: string[] = [];
    for (const [i, v] of vendors.entries()) {
      const added = await core.connectors.service.add({ ...v.draft, name: `Bench ${v.draft.kind} ${i}` }, auditActorOf({ actor: 'bench' }));
      if (!added.ok) throw new Error(added.message);
      ids.push(added.connector.id);
    }
    const { scheduler } = core.connectors;
    const pollAll = async () => {
      const outcomes = await Promise.all(ids.map((id) => scheduler.pollOnce(id)));
      const failed = outcomes.find((o) => !o?.ok);
      if (failed) throw new Error(`a bench connector failed to poll: ${failed?.message ?? 'not found'}`);
      return outcomes.reduce((n, o) => n + (o?.runsIngested ?? 0), 0);
    };
    await pollAll(); // first sync (history), not measured
    vendors.forEach((v, i) => v.addRuns(i));
    await pollAll(); // warm: every code path has run once
    vendors.forEach((v, i) => v.addRuns(i + 7));
    const cpu = process.cpuUsage();
    const t = performance.now();
    const runsIngested = await pollAll();
    const wallMs = performance.now() - t;
    const used = process.cpuUsage(cpu);
    return { cpuMs: (used.user + used.system) / 1000, wallMs, connectors: ids.length, workflows: CONNECTORS * WORKFLOWS_EACH, runsIngested };
  } finally {
    core.close();
    await Promise.all(vendors.map((v) => v.close()));
  }
}
