import { describe, expect, it } from 'vitest';
import type { Output } from '../../core/contract/handlers.ts';
import { closedAfterEach } from '../support/closed-after-each.ts';
import { GH_REPOS, githubHarness } from '../fakes/github/harness.ts';

// GitHub Actions minutes through the real driver, HTTP client and ingest against the fake GitHub API, on fake time:
// the jobs of every completed run are read (not only failures), and never the retired per-run timing endpoint.
const harness = closedAfterEach(githubHarness);

describe('usage: GitHub minutes from a real sync', () => {
  it('estimates each completed run from its jobs, with the runner multipliers, and asks no timing endpoint', async () => {
    const h = await harness({ runs: 0 });
    const [ci, deploy] = h.workflows;
    const s = h.fake.state;
    // Two jobs each (lint, test) of 95 s: 2 minutes a job. Linux: 4; macOS: 2 × 2 × 10 = 40; one still running: nothing yet.
    s.addRun(GH_REPOS[0]!, ci!.id, { conclusion: 'success', durationMs: 95_000 });
    s.addRun(GH_REPOS[0]!, deploy!.id, { conclusion: 'failure', durationMs: 95_000, runsOn: 'macos-14', failing: { job: 'test', step: 'Run npm test' } });
    s.addRun(GH_REPOS[1]!, ci!.id, { status: 'in_progress' });
    await h.time.sleep(60_000);
    expect((await h.loop.poll()).stoppedOn).toBeNull();
    const r = await h.core.dispatcher.dispatch('usage/get-summary', {}, { actor: 'tester' });
    if (!r.ok) throw new Error(r.error.message);
    const gh = (r.output as Output<'usage/get-summary'>).connectors.find((c) => c.connectorId === 'gh')!;
    expect(gh).toMatchObject({ measure: 'minutes', basis: 'estimate', used: 44 });
    expect(gh.top.map((t) => t.used).sort((a, b) => a - b)).toEqual([4, 40]);
    const paths = h.fake.state.arrivals.map((a) => a.path);
    expect(paths.filter((p) => /\/jobs/.test(p)).length).toBeGreaterThanOrEqual(2);
    expect(paths.filter((p) => /\/timing$/.test(p))).toEqual([]);
  });
});
