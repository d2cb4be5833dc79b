import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../support/closed-after-each.ts';
import { GH_REPOS, githubHarness, type GithubHarness } from '../fakes/github/harness.ts';

// A re-run keeps its run's `created_at` (docs/vendors.md G1), so the `created>=mark − overlap` scan never sees it
// again, and one that finishes between two polls is never "in progress" at a poll either. These re-runs must still
// reach the ledger as a new attempt and replace the failure on screen. Fake time only; real HTTP on loopback.

const harness = closedAfterEach(githubHarness);
const MINUTE = 60_000;
const REPO = GH_REPOS[0]!;

/** One poll, recorded as a successful poll of the connector (the live state judges a watched connector only). */
async function poll(h: GithubHarness): Promise<void> {
  expect((await h.loop.poll()).stoppedOn).toBeNull();
  h.core.connectors.repo.recordPoll('gh', { at: h.time.clock.now(), nextPollAt: null, ok: true, error: null, consecutiveFailures: 0, runsInserted: 0, firstSyncDone: true });
}

/** The latest run of the repository's CI workflow fails now; the ledger, the live state and an incident see it. */
async function failingCi(h: GithubHarness) {
  const rule = await h.core.dispatcher.dispatch('alerts/save-rule', { rule: { name: 'Any failure', scope: { kind: 'all' }, condition: { kind: 'any_failure' } } } as never, { actor: 'test' });
  expect(rule.ok).toBe(true);
  const ci = h.workflows[0]!;
  const run = h.fake.state.addRun(REPO, ci.id, { status: 'in_progress' });
  await h.time.sleep(2 * MINUTE);
  h.fake.state.finish(run.id, 'failure', { job: 'test', step: 'Run npm test' });
  await poll(h);
  const workflowId = h.core.ledger.workflows.list().find((w) => w.externalId === `${REPO}:${ci.id}`)!.id;
  expect(stateOf(h, workflowId)).toBe('failing');
  h.core.alerting.engine.evaluate();
  expect(incidentOf(h, workflowId)?.status).toBe('open');
  // Other work moves the scan's mark on: past its overlap, the run's created_at is in no `created` window any more.
  await h.time.sleep(20 * MINUTE);
  h.fake.state.addRun(REPO, h.workflows[1]!.id, { conclusion: 'success', durationMs: 30_000 });
  await h.time.sleep(MINUTE);
  await poll(h);
  expect(stateOf(h, workflowId)).toBe('failing');
  return { run, workflowId };
}

function stateOf(h: GithubHarness, workflowId: number): string | undefined {
  return h.core.states.list(h.time.clock.now()).workflows.find((w) => w.workflowId === workflowId)?.state;
}

function incidentOf(h: GithubHarness, workflowId: number) {
  return h.core.alerting.store.incidents.list('all', 100).find((i) => i.target === `workflow:${workflowId}`);
}

function expectReplaced(h: GithubHarness, runId: number, workflowId: number): void {
  const ledger = new Map(h.loop.runs().map((r) => [r.id, r]));
  expect(ledger.get(`${REPO}:${runId}`)).toMatchObject({ status: 'failed', step: 'test › Run npm test' });
  expect(ledger.get(`${REPO}:${runId}:2`)).toMatchObject({ status: 'success', raw: 'completed/success' });
  expect(stateOf(h, workflowId)).toBe('ok');
  h.core.alerting.engine.evaluate();
  expect(incidentOf(h, workflowId)?.status).toBe('resolved');
  const { truth, ledger: all } = h.compare();
  expect(all).toEqual(truth);
}

describe('GitHub re-runs that finish within one poll', () => {
  it('a re-run started from Flowdeck appears as a new attempt of its run and replaces the failure on screen', async () => {
    const h = await harness({ runs: 20 });
    await poll(h);
    const { run, workflowId } = await failingCi(h);
    const created = h.fake.state.runs.get(run.id)!.created_at;
    expect(await h.driver().actions.rerunRun!(`${REPO}:${run.id}`)).toBe(`Asked GitHub to re-run run ${run.id} in ${REPO}.`);
    expect(h.fake.state.runs.get(run.id)!.created_at).toBe(created);
    await h.time.sleep(2 * MINUTE);
    h.fake.state.finish(run.id, 'success');
    await h.time.sleep(1 * MINUTE);
    await poll(h);
    expectReplaced(h, run.id, workflowId);
  });

  it('a re-run started on GitHub of the failure on screen is found too', async () => {
    const h = await harness({ runs: 20 });
    await poll(h);
    const { run, workflowId } = await failingCi(h);
    h.fake.state.rerun(run.id);
    await h.time.sleep(2 * MINUTE);
    h.fake.state.finish(run.id, 'success');
    await h.time.sleep(1 * MINUTE);
    await poll(h);
    expectReplaced(h, run.id, workflowId);
  });

  it('a re-run survives a restart of the app between the button and the poll when it is the failure on screen', async () => {
    const h = await harness({ runs: 20 });
    await poll(h);
    const { run, workflowId } = await failingCi(h);
    await h.driver().actions.rerunRun!(`${REPO}:${run.id}`);
    h.restart();
    h.fake.state.finish(run.id, 'success');
    await h.time.sleep(1 * MINUTE);
    await poll(h);
    expectReplaced(h, run.id, workflowId);
  });

  it('asks GitHub only with the filters it has: no `updated` or `sort` parameter is ever sent', async () => {
    const h = await harness({ runs: 20 });
    await h.loop.poll();
    const { run } = await failingCi(h);
    h.fake.state.rerun(run.id);
    h.fake.state.finish(run.id, 'success');
    await h.loop.poll();
    const params = new Set(h.fake.state.arrivals.flatMap((a) => [...new URL(a.path, 'http://x').searchParams.keys()]));
    expect([...params].filter((p) => !['per_page', 'page', 'created', 'status'].includes(p))).toEqual([]);
  });
});
