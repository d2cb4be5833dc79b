import { afterEach, describe, expect, it } from 'vitest';
import { HttpFailure } from '../../core/platform/http/types.ts';
import { zapierHarness, peakRequests, type ZapierHarness } from '../fakes/zapier/harness.ts';
import type { FakeZapRun } from '../fakes/zapier/state.ts';

const MIN = 60_000;
const UNSETTLED = ['delayed', 'held', 'throttled', 'pending', 'playing'];
const CYCLE = ['success', 'success', 'error', 'success', 'filtered', 'halted', 'success', 'error_handled', 'skipped', 'success'];

let h: ZapierHarness;
afterEach(async () => {
  await h?.close();
});

/** `n` runs over the last `n * every` ms across three Zaps; every 9th is still in progress, every 23rd not started. */
function seed(n: number, every = 12 * MIN): FakeZapRun[] {
  const now = h.time.clock.now();
  const zaps = ['Leads to CRM', 'Invoices to Xero', 'Slack digest'].map((t) => h.fake.state.addZap(t, now - 90 * 24 * 60 * MIN));
  return Array.from({ length: n }, (_, i) => {
    const at = now - (n - i) * every;
    if (i % 23 === 0) return h.fake.state.addRun(zaps[i % 3]!, 'scheduled', null, 0, at);
    const status = i % 9 === 0 ? UNSETTLED[i % UNSETTLED.length]! : CYCLE[i % CYCLE.length]!;
    return h.fake.state.addRun(zaps[i % 3]!, status, at, 1000 + i * 7);
  });
}

const runsOnly = (req: { url?: string }) => (req.url ?? '').startsWith('/v2/zap-runs');

describe('Zapier sync against a faithful fake, through the real HTTP client and the real ledger', () => {
  it('converges to the fake\'s truth through a fault matrix: 0 runs lost, 0 doubled', async () => {
    h = await zapierHarness();
    const runs = seed(240);
    const { plan, state } = h.fake;
    plan.add({ kind: 'status-429', retryAfterS: 2, match: runsOnly })
      .add({ kind: 'status-500', match: runsOnly }).add({ kind: 'status-502', match: runsOnly })
      .add({ kind: 'status-503', match: runsOnly, times: 3 }).add({ kind: 'hang', match: runsOnly })
      .add({ kind: 'truncate', match: runsOnly }).add({ kind: 'malformed', match: runsOnly })
      .add({ kind: 'html', match: runsOnly }).add({ kind: 'reset', match: runsOnly });
    state.paging.duplicatePage = 1;
    state.paging.swapPages = 1;

    let driver = h.newDriver();
    // Two clean pages, then a crash: a page is fetched but never stored. A new driver resumes from the stored cursor.
    const failures: unknown[] = [];
    for (let ok = 0; ok < 2;) {
      const r = await h.step(driver);
      if (r.ok) ok++;
      else failures.push(r.error);
      await h.time.sleep(1000);
    }
    await driver.listRuns(h.core.ledger.connectors.get('zapier-main')!.cursor).catch(() => null);
    driver = h.newDriver();
    // Late arrivals: runs that Zapier records now with start times inside the window being read (pages already
    // passed). The next window's overlap must pick them up.
    const late = [2, 3, 4].map((m) => state.addRun(state.zaps[1]!, 'success', h.time.clock.now() - m * MIN));
    // The access token is revoked mid-sync; the owner reconnects and gets a new one.
    state.revoke('zap-token-1');
    failures.push(...await h.syncUntilIdle(driver, (error) => {
      if (error instanceof HttpFailure && error.kind === 'auth') {
        state.grant('zap-token-2');
        h.token.value = 'zap-token-2';
      }
    }));

    // Meanwhile Zapier moves on: unsettled runs settle, new runs arrive. Held runs stay held (a failure in Flowdeck
    // from the start: they wait for their owner, docs/vendors.md Z6).
    await h.time.sleep(20 * MIN);
    for (const r of runs.filter((x) => x.status !== 'held' && ['scheduled', ...UNSETTLED].includes(x.status))) {
      state.update(r.id, r.zap_id % 2 ? 'success' : 'error', h.time.clock.now() - MIN);
    }
    const zap = state.zaps[0]!;
    for (let i = 0; i < 15; i++) state.addRun(zap, i % 4 ? 'success' : 'error', h.time.clock.now() - (15 - i) * MIN);
    state.addRun(zap, 'delayed', h.time.clock.now() - 30_000);
    failures.push(...await h.syncUntilIdle(driver));
    await h.time.sleep(5 * MIN);
    failures.push(...await h.syncUntilIdle(driver));

    const diff = h.diff();
    expect(diff.missing).toEqual([]);
    expect(late.every((r) => !diff.missing.includes(r.id))).toBe(true);
    expect(diff.extra).toEqual([]);
    expect(diff.wrongStatus).toEqual([]);
    expect(diff.ledgerRuns).toBe(state.runs.length);
    expect(diff.rollupRuns).toBe(state.runs.length);

    // Every fault was really injected, and the ones the client could not absorb surfaced with the right kind.
    expect(new Set(plan.injected.map((f) => f.kind))).toEqual(new Set(['status-429', 'status-500', 'status-502', 'status-503', 'hang', 'truncate', 'malformed', 'html', 'reset']));
    expect(state.paging).toEqual({ duplicatePage: 0, swapPages: 0 });
    const kinds = failures.map((f) => (f instanceof HttpFailure ? f.kind : String(f)));
    expect(kinds).toContain('auth');
    expect(kinds).toContain('bad_response');
    // The duplicated page was noticed and asked for again (the same offset twice in a row).
    const offsets = h.fake.log.filter((e) => e.status === 200 && e.path.startsWith('/v2/zap-runs')).map((e) => e.path);
    expect(offsets.some((p, i) => i > 0 && p === offsets[i - 1] && !p.includes('offset=0'))).toBe(true);
    // Runs left unsettled for longer than the hold were re-read one by one through a narrow date filter.
    const narrow = h.fake.log.filter((e) => {
      const q = new URL(e.path, 'http://x').searchParams;
      return e.status === 200 && Date.parse(q.get('to_date') ?? '') - Date.parse(q.get('from_date') ?? '') === 2000;
    });
    expect(narrow.length).toBeGreaterThan(3);
    // The fake never had to throttle Flowdeck (its own 429s would show as status 429 in its log).
    expect(h.fake.log.filter((e) => e.status === 429)).toEqual([]);
  });

  it('never exceeds 60 requests a minute over a long first sync, and still converges', async () => {
    h = await zapierHarness();
    seed(3000, 3 * MIN);
    const failures = await h.syncUntilIdle(h.newDriver({ pageSize: 10 }));
    expect(failures).toEqual([]);
    const times = h.fake.log.map((e) => e.at);
    expect(times.length).toBeGreaterThanOrEqual(300);
    expect(peakRequests(times, MIN)).toBeLessThanOrEqual(60);
    expect(h.fake.log.filter((e) => e.status === 429)).toEqual([]);
    const diff = h.diff();
    expect([diff.missing.length, diff.extra.length, diff.wrongStatus.length]).toEqual([0, 0, 0]);
    expect(diff.rollupRuns).toBe(3000);
  });

  it('picks up runs Zapier records late (inside a window already read) through the next window\'s overlap', async () => {
    h = await zapierHarness();
    const zap = h.fake.state.addZap('Leads', h.time.clock.now());
    for (let i = 0; i < 60; i++) h.fake.state.addRun(zap, 'success', h.time.clock.now() - (60 - i) * MIN);
    const driver = h.newDriver({ pageSize: 20 });
    expect((await h.step(driver)).ok).toBe(true);
    await h.time.sleep(30_000);
    const late = h.fake.state.addRun(zap, 'error', h.time.clock.now() - 3 * MIN);
    expect(await h.syncUntilIdle(driver)).toEqual([]);
    expect(h.diff().missing).toEqual([late.id]);
    await h.time.sleep(MIN);
    expect(await h.syncUntilIdle(driver)).toEqual([]);
    expect(h.diff().missing).toEqual([]);
  });

  it('reads the array-wrapped body shape and caps at the server\'s page size', async () => {
    h = await zapierHarness();
    seed(50);
    h.fake.state.wrapInArray = true;
    h.fake.state.maxLimit = 7;
    expect(await h.syncUntilIdle(h.newDriver({ pageSize: 25 }))).toEqual([]);
    expect(h.diff().missing).toEqual([]);
    expect(h.fake.log.every((e) => e.status === 200)).toBe(true);
  });

  it('starts over when the stored cursor is unreadable (the scheduler resets it)', async () => {
    h = await zapierHarness();
    seed(30);
    h.core.ingest({ connectorId: 'zapier-main', records: [], cursor: '{"v":9}' });
    const r = await h.step(h.newDriver());
    expect(r.ok).toBe(false);
    const error = (r as { error: unknown }).error;
    expect(error).toBeInstanceOf(HttpFailure);
    expect((error as HttpFailure).kind).toBe('client');
    expect((error as HttpFailure).message).toMatch(/sync position has an unknown shape/);
  });

  it('refreshes runs that were not settled yet', async () => {
    h = await zapierHarness();
    const zap = h.fake.state.addZap('Leads', h.time.clock.now());
    const delayed = h.fake.state.addRun(zap, 'delayed', h.time.clock.now() - 10 * MIN);
    h.fake.state.addRun(zap, 'success', h.time.clock.now() - 5 * MIN);
    h.fake.state.update(delayed.id, 'error', h.time.clock.now());
    const records = await h.newDriver().refreshRuns([delayed.id]);
    expect(records).toMatchObject([{ externalId: delayed.id, rawStatus: 'error', status: 'failed', failingStep: 'Step 2' }]);
  });
});
