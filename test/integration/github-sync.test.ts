import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../support/closed-after-each.ts';
import type { Fault } from '../fakes/faults.ts';
import type { GithubVendorFault } from '../fakes/github/handler.ts';
import { GH_REPOS, GH_TOKEN, githubHarness, type GithubHarness } from '../fakes/github/harness.ts';

// Fault matrix for the GitHub Actions connector: the real driver, the real HTTP client and the real ingest path
// against the fake GitHub API, on fake time. After every fault: the ledger equals the fake's truth.

const harness = closedAfterEach(githubHarness);

const MINUTE = 60_000;
const onRuns = (req: { url?: string }) => /\/actions\/runs\?/.test(req.url ?? '');

function expectConverged(h: GithubHarness): void {
  const { truth, ledger } = h.compare();
  expect(ledger.length).toBe(truth.length);
  expect(ledger).toEqual(truth);
  const steps = new Map(h.loop.runs().map((r) => [r.id, r.step]));
  const wrong = h.fake.state.truth().filter((t) => t.failing && t.status === 'failed' && steps.get(t.id) !== t.failing);
  expect(wrong.map((t) => t.id)).toEqual([]);
}

/** New runs between polls, a run still in progress, and a re-run of an old run; both finish later. */
async function laterTraffic(h: GithubHarness): Promise<void> {
  const s = h.fake.state;
  await h.time.sleep(5 * MINUTE);
  const [ci, deploy] = h.workflows;
  s.addRun(GH_REPOS[0]!, ci!.id, { conclusion: 'success' });
  s.addRun(GH_REPOS[1]!, deploy!.id, { conclusion: 'failure', failing: { job: 'deploy', step: 'Deploy to production' } });
  const live = s.addRun(GH_REPOS[0]!, deploy!.id, { status: 'in_progress' });
  const old = [...s.runs.values()].find((r) => r.repo === GH_REPOS[1] && r.attempts.length === 1 && r.attempts[0]!.conclusion === 'failure')!;
  s.rerun(old.id);
  expect((await h.loop.poll()).stoppedOn).toBeNull();
  const running = h.loop.runs().filter((r) => r.status === 'running').map((r) => r.id).sort();
  expect(running).toEqual([`${GH_REPOS[0]}:${live.id}`, `${GH_REPOS[1]}:${old.id}:2`].sort());
  await h.time.sleep(3 * MINUTE);
  s.finish(live.id, 'failure', { job: 'e2e', step: 'Run playwright' });
  s.finish(old.id, 'success');
  expect(await h.loop.refresh()).toBe(2);
}

type Case = { name: string; faults?: Fault[]; vendor?: GithubVendorFault; failure?: string };

const CASES: Case[] = [
  { name: '429 with Retry-After', faults: [{ kind: 'status-429', retryAfterS: 9, times: 2, match: onRuns }] },
  { name: 'a secondary rate limit (403 + Retry-After)', vendor: { kind: 'secondary-limit', retryAfterS: 30, times: 2 } },
  { name: '500, 502 and 503 (one request fails past its retries)', faults: [{ kind: 'status-500', match: onRuns }, { kind: 'status-502', match: onRuns }, { kind: 'status-503', times: 2 }], failure: 'server' },
  { name: 'a hanging request (timeout)', faults: [{ kind: 'hang', match: onRuns }] },
  { name: 'a truncated body', faults: [{ kind: 'truncate', match: onRuns }] },
  { name: 'a connection reset', faults: [{ kind: 'reset' }] },
  { name: 'malformed JSON', faults: [{ kind: 'malformed', match: onRuns }], failure: 'bad_response' },
  { name: 'an HTML login page', faults: [{ kind: 'html' }], failure: 'bad_response' },
  { name: 'a replayed (duplicated) page, twice', vendor: { kind: 'duplicate-page', times: 2 } },
  { name: 'pages answered in swapped order', vendor: { kind: 'swap-pages', times: 2 } },
  { name: 'a page replayed again and again (paging broken for a while)', vendor: { kind: 'duplicate-page', times: 5 }, failure: 'bad_response' },
];

describe('GitHub sync: fault matrix (ledger = truth: 0 lost, 0 doubled)', () => {
  it.each(CASES)('$name', async (c) => {
    const h = await harness();
    for (const f of c.faults ?? []) h.fake.faults.add(f);
    if (c.vendor) h.fake.handler.addVendorFault(c.vendor);
    const first = await h.loop.poll();
    expect(first.stoppedOn).toBeNull();
    expect(h.fake.faults.injected.length).toBe((c.faults ?? []).reduce((n, f) => n + (f.times ?? 1), 0));
    expect(h.fake.handler.vendorFaults.every((f) => f.left === 0)).toBe(true);
    if (c.failure) expect(first.failures.map((f) => f.kind)).toContain(c.failure);
    else expect(first.failures).toEqual([]);
    await laterTraffic(h);
    await h.loop.poll();
    expectConverged(h);
  });
});

describe('GitHub sync: rate limits, ETags, credentials, crashes', () => {
  it('waits for the hourly reset when the token quota runs out, never sending while it is spent, and converges', async () => {
    const h = await harness({ rateLimit: 40 });
    const result = await h.loop.poll();
    expect(result.stoppedOn).toBeNull();
    const limited = result.failures.filter((f) => f.kind === 'rate_limited');
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.every((f) => f.retryAt !== null)).toBe(true);
    const refused = h.fake.state.arrivals.filter((a) => a.status === 403);
    expect(refused).toEqual([]);
    expectConverged(h);
    console.log(`[github-rate] ${h.fake.state.arrivals.length} requests, ${limited.length} waits for the reset, ${((h.time.clock.now() - Date.UTC(2026, 10, 25, 12)) / MINUTE).toFixed(0)} simulated min`);
  });

  it('costs no rate limit when nothing changed: every request of a quiet poll is a 304', async () => {
    const h = await harness();
    await h.loop.poll();
    await h.time.sleep(2 * MINUTE);
    await h.loop.poll();
    const before = h.fake.state.arrivals.length;
    const used = h.fake.state.tokens.get(GH_TOKEN)!.used;
    await h.time.sleep(2 * MINUTE);
    await h.loop.poll();
    const quiet = h.fake.state.arrivals.slice(before);
    expect(quiet.filter((a) => /\/actions\/runs\?/.test(a.path)).length).toBe(2 * GH_REPOS.length);
    expect(quiet.every((a) => a.status === 304 && !a.counted)).toBe(true);
    expect(h.fake.state.tokens.get(GH_TOKEN)!.used).toBe(used);
    expectConverged(h);
  });

  it('pages the full list when more new runs arrived than the created filter returns (1,000)', async () => {
    const h = await harness({ runs: 30 });
    await h.loop.poll();
    await h.time.sleep(10 * MINUTE);
    const start = h.time.clock.now() - 5 * MINUTE;
    for (let i = 0; i < 1100; i += 1) h.fake.state.addRun(GH_REPOS[0]!, h.workflows[0]!.id, { at: start + i * 200, conclusion: 'success', durationMs: 100 });
    await h.time.sleep(10 * MINUTE);
    expect((await h.loop.poll()).stoppedOn).toBeNull();
    expect(h.logger.lines.some((l) => /More new GitHub runs than the created filter returns/.test(l.message))).toBe(true);
    expectConverged(h);
  });

  it('surfaces a revoked token as an auth failure mid-sync, then resumes once it is restored', async () => {
    const h = await harness();
    h.fake.handler.revokeAfter(GH_TOKEN, 3);
    const stopped = await h.loop.poll();
    expect(stopped.stoppedOn).toMatchObject({ kind: 'auth', status: 401 });
    const before = h.loop.runs().length;
    expect(before).toBeLessThan(h.fake.state.truth().length);
    h.fake.state.restore(GH_TOKEN);
    expect((await h.loop.poll()).stoppedOn).toBeNull();
    expectConverged(h);
  });

  it('loses nothing when the app dies before a page is stored', async () => {
    const h = await harness();
    for (let call = 0, done = false; !done; call += 1) {
      const page = await h.driver().listRuns(h.loop.cursor());
      if (call % 3 === 1) {
        h.restart();
        continue;
      }
      h.core.ingest({ connectorId: 'gh', records: page.records, cursor: page.cursor });
      done = !page.hasMore;
    }
    await laterTraffic(h);
    await h.loop.poll();
    expectConverged(h);
  });

  it('skips a repository that is gone and keeps syncing the others', async () => {
    const h = await harness({ runs: 20 });
    h.fake.state.repos.delete(GH_REPOS[1]!);
    for (const [id, r] of h.fake.state.runs) if (r.repo === GH_REPOS[1]) h.fake.state.runs.delete(id);
    expect((await h.loop.poll()).stoppedOn).toBeNull();
    expect(h.logger.lines.some((l) => /repository not found/.test(l.message))).toBe(true);
    expectConverged(h);
  });
});
