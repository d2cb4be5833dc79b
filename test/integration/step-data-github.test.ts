import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { contractClient } from '../../core/cli/open-core.ts';
import type { CoreClient } from '../../core/contract/client.ts';
import type { GetStepDataOutput } from '../../core/contract/runs.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { createSecretStore } from '../../core/platform/secrets/index.ts';
import { ManualTimers } from '../support/manual-timers.ts';
import { startFakeGithub, type FakeGithubServer } from '../fakes/github/server.ts';

/**
 * `runs/get-step-data` over the real GitHub driver and HTTP client against the fake GitHub: the attempt's jobs, the
 * failed job's log behind a 302 to a signed URL on another host (followed without the token), only the failed step's
 * last lines, bounded and redacted. Fixed clock; loopback only.
 */
const T0 = Date.UTC(2026, 10, 25, 12);
const TOKEN = 'github_pat_11AAAAAAA0stepdatastepdata0123456789';
const REPO = 'octo-org/shop';

let fake: FakeGithubServer | null = null;
let core: Core | null = null;
let client: CoreClient | null = null;
afterEach(async () => {
  client?.close();
  await core?.connectors.scheduler.stop();
  core?.close();
  await fake?.close();
  fake = core = client = null;
});

async function setup() {
  const clock = fixedClock(T0);
  fake = await startFakeGithub({ clock });
  fake.state.addToken(TOKEN);
  fake.state.addRepo(REPO);
  const wf = fake.state.addWorkflow(REPO, 'CI', 'ci.yml');
  const failed = fake.state.addRun(REPO, wf.id, { at: T0 - 600_000, conclusion: 'failure', durationMs: 120_000, failing: { job: 'test', step: 'Run npm test' } });
  const green = fake.state.addRun(REPO, wf.id, { at: T0 - 300_000, conclusion: 'success' });
  core = createCore({
    dataDir: ':memory:', clock, logger: createMemoryLogger(),
    connectors: { secrets: createSecretStore({ kind: 'memory' }), timers: new ManualTimers(clock), cadence: { workflowsMs: 0 } },
  });
  client = contractClient(core, { actor: 'carol' });
  const added = await client.call('connectors/add-connector', { kind: 'github', name: 'gh', baseUrl: fake.url, options: { repos: REPO }, credential: TOKEN });
  if (!added.ok) throw new Error(added.message);
  const r = await client.call('connectors/poll-now', { id: added.connector.id });
  if (!r.ok) throw new Error(r.message);
  const c = core;
  const runId = (externalId: string) => c.ledger.runs.list({}, null, 500).items.find((x) => x.externalId === externalId)!.id;
  return { api: client, fake, failed, green, runId };
}

function log(out: GetStepDataOutput) {
  if (!out.ok) throw new Error(out.message);
  if (out.data.kind !== 'log') throw new Error(`expected a log, got ${JSON.stringify(out.data)}`);
  return { ...out, data: out.data };
}

describe('runs/get-step-data over GitHub Actions', () => {
  it('returns the failed step\'s last 200 lines, fetched from the log host without the token', async () => {
    const h = await setup();
    const failedJob = h.failed.attempts[0]!.jobs.find((j) => j.conclusion === 'failure')!;
    const before = h.fake.state.arrivals.length;
    const out = log(await h.api.call('runs/get-step-data', { runId: h.runId(`${REPO}:${h.failed.id}`) }));
    expect(out.vendor).toBe('github');
    expect(out.deepLink).toBe(`https://github.com/${REPO}/actions/runs/${h.failed.id}`);
    expect(out.data.job).toEqual({ id: String(failedJob.id), name: 'test' });
    expect(out.data.step).toEqual({ number: 3, name: 'Run npm test' });
    expect(out.data.lines).toHaveLength(200);
    expect(out.data.truncated).toBe(true);
    expect(out.data.lines.at(-2)).toBe('##[error]Process completed with exit code 1.');
    expect(out.data.lines.at(-1)).toBe('##[endgroup]');
    // Only the failed step's lines (no other step's, no post-job cleanup), timestamps stripped.
    expect(out.data.lines.join('\n')).not.toMatch(/Post job cleanup|Set up job|^\d{4}-\d{2}-\d{2}T/m);
    expect(out.data.lines).toContain('  ✗ checkout total rounds to cents');

    const api = h.fake.state.arrivals.slice(before).map((a) => `${a.method} ${a.path} ${a.status}`);
    expect(api).toEqual([
      `GET /repos/${REPO}/actions/runs/${h.failed.id}/attempts/1/jobs?per_page=100 200`,
      `GET /repos/${REPO}/actions/jobs/${failedJob.id}/logs 302`,
    ]);
    expect(h.fake.handler.logs.requests).toEqual([{ path: `/actions-results/jobs/${failedJob.id}/logs.txt`, authorization: null, status: 200 }]);
  });

  it('redacts tokens in the log and bounds a huge log to its tail (whole log when the step cannot be told apart)', async () => {
    const h = await setup();
    const failedJob = h.failed.attempts[0]!.jobs.find((j) => j.conclusion === 'failure')!;
    const filler = Array.from({ length: 60_000 }, (_, i) => `line ${i} ${'.'.repeat(40)}`);
    h.fake.handler.logs.planted.set(failedJob.id, [...filler, `curl -H "Authorization: Bearer ${TOKEN}"`, 'export GH=ghp_abcdefghijklmnopqrstuvwxyz0123456789', `long ${'y'.repeat(5000)}`, 'done'].join('\n'));
    const out = log(await h.api.call('runs/get-step-data', { runId: h.runId(`${REPO}:${h.failed.id}`) }));
    expect(out.data.step).toBeNull();
    expect(out.data.lines).toHaveLength(200);
    expect(out.data.truncated).toBe(true);
    const text = out.data.lines.join('\n');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
    expect(text).toContain('Bearer [redacted]');
    expect(out.data.lines.at(-1)).toBe('done');
    expect(out.data.lines.at(-2)).toMatch(/^long y{1995}… \(cut\)$/);
  });

  it('says there is nothing to show for a run with no failed job', async () => {
    const h = await setup();
    const out = await h.api.call('runs/get-step-data', { runId: h.runId(`${REPO}:${h.green.id}`) });
    expect(out).toMatchObject({ ok: true, vendor: 'github', data: { kind: 'unavailable', reason: 'No job of this run failed, so there is no failed step to show.' } });
    expect(h.fake.handler.logs.requests).toEqual([]);
  });
});
