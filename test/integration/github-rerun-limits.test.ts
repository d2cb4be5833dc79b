import { describe, expect, it } from 'vitest';
import { createGithubDriver, GITHUB_TOKEN_BUDGET } from '../../core/sync/vendors/github/driver.ts';
import { createHttpClient } from '../../core/platform/http/client.ts';
import { vendorMessage } from '../../core/sync/health.ts';
import { failureWords } from '../../core/actions/control.ts';
import { closedAfterEach } from '../support/closed-after-each.ts';
import { GH_REPOS, GH_TOKEN, githubHarness, type GithubHarness } from '../fakes/github/harness.ts';

// GitHub re-runs a run only within 30 days of it, at most 50 times, and not while its workflow is switched off
// (docs/vendors.md G4–G6). The fake refuses as GitHub does; Flowdeck says why before asking. Fake time only.

const harness = closedAfterEach(githubHarness);
const DAY = 24 * 3_600_000;
const REPO = GH_REPOS[0]!;

function driverFor(h: GithubHarness, skewMs = 0) {
  const http = createHttpClient({ baseUrl: h.fake.url, clock: h.time.clock, sleep: h.time.sleep, random: () => 0.5, timeoutMs: 250, budget: GITHUB_TOKEN_BUDGET });
  const config = { id: 'gh2', kind: 'github' as const, name: 'GitHub', baseUrl: h.fake.url, options: { repos: GH_REPOS } };
  const clock = { now: () => h.time.clock.now() - skewMs };
  return createGithubDriver({ config, http, credential: async () => GH_TOKEN, clock, logger: h.logger });
}

type Limit = 'too old' | 'too many attempts' | 'workflow switched off';

/** A finished failed run of the repository's CI workflow that GitHub will not re-run, for the reason given. */
function blocked(h: GithubHarness, limit: Limit) {
  const s = h.fake.state;
  const ci = h.workflows[0]!;
  const at = limit === 'too old' ? h.time.clock.now() - 31 * DAY : h.time.clock.now() - DAY;
  const run = s.addRun(REPO, ci.id, { at, conclusion: 'failure', failing: { job: 'test', step: 'Run npm test' } });
  if (limit === 'too many attempts') {
    for (let k = 2; k <= 50; k += 1) {
      s.rerun(run.id);
      s.finish(run.id, 'failure');
    }
  }
  if (limit === 'workflow switched off') ci.state = 'disabled_manually';
  return run;
}

const rerunPosts = (h: GithubHarness) => h.fake.state.arrivals.filter((a) => a.method === 'POST' && /\/rerun$/.test(a.path));

const CASES: [Limit, RegExp, RegExp][] = [
  ['too old', /created over a month ago/, /^Run \d+ is from 2026-10-25, 31 days ago; GitHub re-runs a run only within 30 days\. Start the workflow again in GitHub instead\.$/],
  ['too many attempts', /maximum of 50 attempts/, /^Run \d+ has run 50 times, GitHub's limit for one run \(50\)\. Start the workflow again in GitHub instead\.$/],
  ['workflow switched off', /workflow is disabled/, /^Its workflow “CI” is switched off in GitHub \(disabled_manually\), and GitHub re-runs nothing while it is off: switch it on first\.$/],
];

describe('GitHub re-run limits', () => {
  it.each(CASES)('the fake refuses a re-run that is %s as GitHub does (403, message and documentation_url)', async (limit, said) => {
    const h = await harness({ runs: 3 });
    const run = blocked(h, limit);
    const res = await fetch(`${h.fake.url}/repos/${REPO}/actions/runs/${run.id}/rerun`, { method: 'POST', headers: { authorization: `Bearer ${GH_TOKEN}` } });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ message: expect.stringMatching(said), documentation_url: expect.stringMatching(/^https:\/\/docs\.github\.com\//) });
    expect(h.fake.state.runs.get(run.id)!.attempts).toHaveLength(limit === 'too many attempts' ? 50 : 1);
  });

  it.each(CASES)('Flowdeck says plainly why a run that is %s cannot be re-run, without asking GitHub', async (limit, _said, plain) => {
    const h = await harness({ runs: 3 });
    const run = blocked(h, limit);
    const error = await driverFor(h).actions.rerunRun!(`${REPO}:${run.id}`).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ name: 'RerunRefused', message: expect.stringMatching(plain) });
    // The re-run button's outcome shows Flowdeck's sentence as it is: GitHub was not asked, so it did not "refuse".
    expect(failureWords(error, 'GitHub', 'token')).toBe((error as Error).message);
    expect(rerunPosts(h)).toEqual([]);
  });

  it('when GitHub refuses anyway (the clocks disagree), the refusal is plain and carries GitHub’s own words', async () => {
    const h = await harness({ runs: 3 });
    const run = blocked(h, 'too old');
    const error = await driverFor(h, 2 * DAY).actions.rerunRun!(`${REPO}:${run.id}`).then(() => null, (e: unknown) => e);
    expect(rerunPosts(h)).toHaveLength(1);
    expect(error).toMatchObject({ kind: 'client', status: 403 });
    expect(vendorMessage((error as { body: unknown }).body)).toBe(
      `GitHub would not re-run run ${run.id} (403: “Unable to retry this workflow run because it was created over a month ago”). A re-run also needs a token with write access to Actions.`,
    );
  });

  it('a run 29 days old, at attempt 49, of a workflow that is on, is re-run', async () => {
    const h = await harness({ runs: 3 });
    const run = h.fake.state.addRun(REPO, h.workflows[0]!.id, { at: h.time.clock.now() - 29 * DAY, conclusion: 'failure' });
    for (let k = 2; k <= 49; k += 1) {
      h.fake.state.rerun(run.id);
      h.fake.state.finish(run.id, 'failure');
    }
    expect(await driverFor(h).actions.rerunRun!(`${REPO}:${run.id}`)).toBe(`Asked GitHub to re-run run ${run.id} in ${REPO}.`);
    expect(h.fake.state.runs.get(run.id)!.attempts).toHaveLength(50);
  });
});
