import { afterEach, describe, expect, it } from 'vitest';
import { createGithubDriver, GITHUB_TOKEN_BUDGET } from '../../core/sync/vendors/github/driver.ts';
import { createHttpClient } from '../../core/platform/http/client.ts';
import { closedPortUrl } from '../support/local-server.ts';
import { GH_REPOS, GH_TOKEN, githubHarness, type GithubHarness } from '../fakes/github/harness.ts';

// GitHub: "Test connection" verdicts, workflow definitions (YAML files) and control actions against the fake API.

let h: GithubHarness;
afterEach(async () => {
  await h.close();
});

function driverFor(o: { baseUrl?: string; token?: string | null; repos?: unknown; timeoutMs?: number; retries?: number } = {}) {
  const baseUrl = o.baseUrl ?? h.fake.url;
  const http = createHttpClient({ baseUrl, clock: h.time.clock, sleep: h.time.sleep, random: () => 0.5, timeoutMs: o.timeoutMs ?? 250, retries: o.retries ?? 3, budget: GITHUB_TOKEN_BUDGET });
  const config = { id: 'gh2', kind: 'github' as const, name: 'GitHub', baseUrl, options: { repos: o.repos ?? GH_REPOS } };
  return createGithubDriver({ config, http, credential: async () => (o.token === undefined ? GH_TOKEN : o.token), clock: h.time.clock, logger: h.logger });
}

describe('GitHub testConnection', () => {
  it('ok: names the account, repositories, workflows and the rate limit left', async () => {
    h = await githubHarness({ runs: 1 });
    expect(await driverFor().testConnection()).toEqual({ ok: true, workflows: 4, message: 'Connected to GitHub as octocat: 2 repositories, 4 workflows. Rate limit 5000/h, 4999 left.' });
  });

  it.each([
    ['a revoked token', { token: 'ghp_revoked' }, 'credentials_rejected', /rejected the token \(401\).*Personal access tokens/],
    ['no token', { token: null }, 'no_credential', /No GitHub token is stored/],
    ['no repositories', { repos: [] }, 'error', /List the repositories/],
    ['a malformed repository', { repos: ['octo-org'] }, 'error', /owner\/name.*octo-org/],
    ['an unknown repository', { repos: ['octo-org/secret'] }, 'error', /no repository octo-org\/secret.*Actions: read/],
  ] as const)('%s → %s', async (_label, o, reason, message) => {
    h = await githubHarness({ runs: 1 });
    const verdict = await driverFor(o).testConnection();
    expect(verdict).toMatchObject({ ok: false, reason });
    expect(verdict.message).toMatch(message);
  });

  it('a sync without repositories fails with the same plain reason', async () => {
    h = await githubHarness({ runs: 1 });
    await expect(driverFor({ repos: [] }).listRuns(null)).rejects.toMatchObject({ kind: 'client', message: expect.stringMatching(/watches no repository/) });
  });

  it('wrong_server, unreachable and timeout verdicts', async () => {
    h = await githubHarness({ runs: 1 });
    h.fake.faults.add({ kind: 'html' });
    expect(await driverFor().testConnection()).toMatchObject({ ok: false, reason: 'wrong_server', message: expect.stringMatching(/https:\/\/api\.github\.com/) });
    expect(await driverFor({ baseUrl: await closedPortUrl(), retries: 0 }).testConnection()).toMatchObject({ ok: false, reason: 'unreachable' });
    h.fake.faults.add({ kind: 'hang' });
    expect(await driverFor({ timeoutMs: 50, retries: 0 }).testConnection()).toMatchObject({ ok: false, reason: 'timeout' });
  });

  it('rate_limited when the token quota is spent, saying until when', async () => {
    h = await githubHarness({ runs: 1, rateLimit: 1 });
    await driverFor().testConnection();
    expect(await driverFor().testConnection()).toMatchObject({ ok: false, reason: 'rate_limited', message: expect.stringMatching(/used up until \d\d:\d\d UTC/) });
  });
});

describe('GitHub workflows: metadata and YAML files', () => {
  it('lists every workflow with its YAML and file sha; a second listing costs no rate limit (304s)', async () => {
    h = await githubHarness({ runs: 1 });
    const driver = driverFor();
    const first = await driver.listWorkflows();
    expect(first.map((w) => w.name)).toEqual(['CI (octo-org/website)', 'Deploy (octo-org/website)', 'CI (octo-org/api)', 'Deploy (octo-org/api)']);
    const wf = h.workflows[0]!;
    expect(first[0]).toMatchObject({
      externalId: `octo-org/website:${wf.id}`, active: true, archived: false, tags: ['octo-org/website'],
      definition: { path: '.github/workflows/ci.yml', state: 'active', yaml: wf.yaml }, vendorVersionId: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    const used = h.fake.state.tokens.get(GH_TOKEN)!.used;
    const again = await driver.listWorkflows();
    expect(again).toEqual(first);
    expect(h.fake.state.tokens.get(GH_TOKEN)!.used).toBe(used);
  });
});

describe('GitHub actions: re-run, enable, disable', () => {
  it('re-runs a finished run once (a re-run is not idempotent: a 502 is not retried)', async () => {
    h = await githubHarness({ runs: 3 });
    const driver = driverFor();
    const run = [...h.fake.state.runs.values()].find((r) => r.repo === GH_REPOS[0])!;
    expect(await driver.actions.rerunRun!(`${GH_REPOS[0]}:${run.id}`)).toBe(`Asked GitHub to re-run run ${run.id} in ${GH_REPOS[0]}.`);
    expect(run.attempts).toHaveLength(2);
    const posts = () => h.fake.state.arrivals.filter((a) => a.method === 'POST').length;
    await expect(driver.actions.rerunRun!(`${GH_REPOS[0]}:${run.id}:2`)).rejects.toMatchObject({ name: 'RerunRefused', message: `Run ${run.id} is still going (in_progress); it can be re-run once it has finished.` });
    expect(posts()).toBe(1);
    h.fake.state.finish(run.id, 'success');
    h.fake.faults.add({ kind: 'status-502', match: (req) => req.method === 'POST' });
    await expect(driver.actions.rerunRun!(`${GH_REPOS[0]}:${run.id}`)).rejects.toMatchObject({ kind: 'server' });
    expect(posts()).toBe(2);
    expect(run.attempts).toHaveLength(2);
  });

  it('disables and enables a workflow', async () => {
    h = await githubHarness({ runs: 1 });
    const driver = driverFor();
    const wf = h.workflows[1]!;
    expect(await driver.actions.deactivateWorkflow!(`${GH_REPOS[0]}:${wf.id}`)).toBe(`Disabled GitHub workflow ${wf.id} in ${GH_REPOS[0]}.`);
    expect(wf.state).toBe('disabled_manually');
    expect((await driver.listWorkflows())[1]).toMatchObject({ active: false });
    await driver.actions.activateWorkflow!(`${GH_REPOS[0]}:${wf.id}`);
    expect(wf.state).toBe('active');
  });

  it('refreshes the exact attempt asked for, with the failing step', async () => {
    h = await githubHarness({ runs: 1 });
    const driver = driverFor();
    const run = h.fake.state.addRun(GH_REPOS[1]!, h.workflows[2]!.id, { status: 'in_progress' });
    h.fake.state.finish(run.id, 'failure', { job: 'test', step: 'Run npm test' });
    h.fake.state.rerun(run.id);
    const records = await driver.refreshRuns([`${GH_REPOS[1]}:${run.id}`, `${GH_REPOS[1]}:${run.id}:2`, `${GH_REPOS[1]}:1`, 'nonsense']);
    expect(records.map((r) => [r.externalId, r.status, r.failingStep ?? null, r.retryOf ?? null])).toEqual([
      [`${GH_REPOS[1]}:${run.id}`, 'failed', 'test › Run npm test', null],
      [`${GH_REPOS[1]}:${run.id}:2`, 'running', null, `${GH_REPOS[1]}:${run.id}`],
    ]);
  });
});
