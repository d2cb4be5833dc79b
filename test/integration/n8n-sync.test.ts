import { afterEach, describe, expect, it } from 'vitest';
import type { FaultKind } from '../fakes/faults.ts';
import { figure, startHarness, type Harness } from '../fakes/n8n/harness.ts';
import { flakyError, seedExecutions, seedWorkflows, type Estate } from '../fakes/n8n/seed.ts';

/**
 * n8n fault matrix: the real driver, HTTP client and in-memory core against the fake n8n. After each scenario's
 * faults clear, the ledger equals the fake's truth: same execution ids (0 lost), one row each (0 doubled),
 * same normalised status, and every failed run carries n8n's error message and failing node.
 */
const RUNS = 600;
let current: Harness | null = null;
afterEach(async () => {
  await current?.close();
  current = null;
});

async function estate(count = RUNS): Promise<{ h: Harness; e: Estate }> {
  const h = await startHarness();
  current = h;
  const e = seedWorkflows(h.fake.state);
  seedExecutions(h.fake.state, e, count, h.clock.now() - count * 20_000);
  return { h, e };
}

function expectConverged(h: Harness): void {
  const ledger = h.ledger();
  const truth = h.truth();
  expect(h.core.ledger.runs.count()).toBe(truth.size);
  expect([...ledger.keys()].sort()).toEqual([...truth.keys()].sort());
  const wrongStatus = [...truth].filter(([id, status]) => ledger.get(id)?.status !== status);
  expect(wrongStatus).toEqual([]);
  const errors = [...h.fake.state.executions.values()].filter((x) => x.status === 'error');
  const got = errors.map((x) => [x.id, ledger.get(String(x.id))?.errorMessage, ledger.get(String(x.id))?.failingStep]);
  expect(got).toEqual(errors.map((x) => [x.id, x.error!.message, x.error!.node]));
}

const onList = (cursor: boolean) => (req: { url?: string }) => (req.url ?? '').startsWith('/api/v1/executions?') && (req.url ?? '').includes('cursor=') === cursor;

describe('n8n sync against the fake n8n (real client, real ingest)', () => {
  it('baseline: a first sync of 600 executions lands every run once, with error details and names', async () => {
    const { h, e } = await estate();
    await h.poll();
    expectConverged(h);
    const run = h.ledger().get('2')!;
    expect(run).toMatchObject({ workflowName: 'peer-fail (always fails)', status: 'failed', rawStatus: 'error', failingStep: 'Stop and Error', mode: 'webhook' });
    expect(run.deepLink).toBe(`${h.fake.url}/workflow/${e.fail}/executions/2`);
    expect(h.failures).toEqual([]);
    console.log(figure('baseline', h));
  });

  it.each<[string, FaultKind, number]>([
    ['429 with Retry-After', 'status-429', 2],
    ['500', 'status-500', 2],
    ['502', 'status-502', 2],
    ['503', 'status-503', 3],
    ['truncated body', 'truncate', 2],
  ])('%s on list pages: the client retries, nothing surfaces, the ledger converges', async (name, kind, times) => {
    const { h } = await estate();
    h.fake.faults.add({ kind, times, match: onList(true), ...(kind === 'status-429' ? { retryAfterS: 7 } : {}) });
    await h.poll();
    expectConverged(h);
    expect(h.fake.faults.injected.map((f) => f.kind)).toEqual(Array(times).fill(kind));
    expect(h.stats().retries).toBe(times);
    if (kind === 'status-429') expect(h.sleeps.filter((ms) => ms === 7000)).toHaveLength(times);
    expect(h.failures).toEqual([]);
    console.log(figure(name, h));
  });

  it('a hanging request times out and is retried', async () => {
    const h = await startHarness({ timeoutMs: 800 });
    current = h;
    seedExecutions(h.fake.state, seedWorkflows(h.fake.state), 300, h.clock.now() - 300 * 20_000);
    h.fake.faults.add({ kind: 'hang', match: onList(true) });
    await h.poll();
    expectConverged(h);
    expect(h.stats().retries).toBe(1);
    expect(h.failures).toEqual([]);
    console.log(figure('hang → timeout', h));
  });

  it.each<[string, FaultKind]>([['malformed JSON', 'malformed'], ['HTML login page', 'html']])(
    '%s is not retried by the client: it surfaces as bad_response, the next call resumes from the stored cursor',
    async (name, kind) => {
      const { h } = await estate();
      h.fake.faults.add({ kind, match: onList(true) });
      await h.poll();
      expectConverged(h);
      expect(h.failures.map((f) => f.kind)).toEqual(['bad_response']);
      console.log(figure(name, h));
    },
  );

  it('a duplicated page and reordered pages change nothing', async () => {
    const { h } = await estate(1200);
    h.fake.vendor.add('duplicate-page', 2).add('reorder-page', 3);
    await h.poll();
    expectConverged(h);
    expect(h.fake.vendor.injected.map((v) => v.kind).sort()).toEqual(['duplicate-page', 'duplicate-page', 'reorder-page', 'reorder-page', 'reorder-page']);
    expect(h.failures).toEqual([]);
    console.log(figure('duplicated + reordered pages', h));
  });

  it('an invalid-cursor 400 restarts the scan from the newest run; nothing is lost or doubled', async () => {
    const { h } = await estate(1200);
    h.fake.vendor.add('invalid-cursor', 2);
    await h.poll();
    expectConverged(h);
    expect(h.fake.vendor.injected).toHaveLength(2);
    expect(h.failures).toEqual([]);
    console.log(figure('invalid cursor 400', h));
  });

  it('a revoked key surfaces as auth (401) mid-sync; with a new key the sync resumes where it stopped', async () => {
    const { h } = await estate(1200);
    const revoked = h.key;
    await expect(h.poll({ maxFailures: 2, afterPage: (n) => { if (n === 2) h.fake.state.keys.revoke(revoked); } })).rejects.toMatchObject({ kind: 'auth', status: 401 });
    expect(h.failures.every((f) => f.kind === 'auth')).toBe(true);
    expect(h.failures[0]!.message).toMatch(/^n8n rejected the API key \(401\): it may be mistyped, revoked or expired\./);
    const kept = h.core.ledger.runs.count();
    expect(kept).toBe(500);
    h.setKey(h.fake.state.keys.issue());
    const before = h.fake.requests.length;
    await h.poll();
    expectConverged(h);
    // Resumed from the stored cursor: the first request after the new key continues the scan (it carries a cursor).
    expect(h.fake.requests[before]!.url).toContain('cursor=');
    console.log(figure('401 after key revoked', h));
  });

  it('a key that expires mid-sync: warned ahead, 401 with the expiry date, then converges with a rotated key', async () => {
    const { h } = await estate(1200);
    const expiring = h.fake.state.keys.issue({ expiresAt: h.clock.now() + 2 * 86_400_000 });
    h.setKey(expiring);
    expect(await h.driver.credentialWarning()).toMatch(/^This n8n API key expires on 27 Nov 2026/);
    await expect(h.poll({ maxFailures: 1, afterPage: (n) => { if (n === 1) h.clock.advance(3 * 86_400_000); } })).rejects.toMatchObject({ kind: 'auth' });
    expect(h.failures[0]!.message).toBe('n8n rejected the API key (401): it expired on 27 Nov 2026. Create a new key in n8n → Settings → n8n API and paste it in Connectors.');
    h.setKey(h.fake.state.keys.rotate(expiring));
    await h.poll();
    expectConverged(h);
    console.log(figure('key expires mid-sync', h));
  });

  it('new executions arriving during a scan and between polls are picked up by the next poll', async () => {
    const { h, e } = await estate(700);
    await h.poll({ afterPage: (n) => { if (n === 1) seedExecutions(h.fake.state, e, 40, h.clock.now()); } });
    // The 700 are in; of the 40 that arrived mid-scan only the failures may be (the errors pass runs after the scan).
    const first = h.ledger();
    expect([...Array(700).keys()].every((i) => first.has(String(i + 1)))).toBe(true);
    expect([...first.values()].filter((r) => Number(r.externalId) > 700).every((r) => r.status === 'failed')).toBe(true);
    seedExecutions(h.fake.state, e, 300, h.clock.now() + 3_600_000);
    await h.poll();
    expectConverged(h);
    expect(h.core.ledger.runs.count()).toBe(1040);
    console.log(figure('new executions between polls', h));
  });

  it('running executions (left out of n8n\'s list) are fetched as gaps, then refreshed to their final state', async () => {
    const { h, e } = await estate(200);
    const running = [0, 1, 2].map((i) => h.fake.state.addExecution({ workflowId: i === 1 ? e.flaky : e.ok, status: 'running', startedAt: h.clock.now() }));
    const waiting = h.fake.state.addExecution({ workflowId: e.ok, status: 'waiting', startedAt: h.clock.now() });
    seedExecutions(h.fake.state, e, 50, h.clock.now() + 60_000);
    await h.poll();
    expectConverged(h);
    expect(running.map((r) => h.ledger().get(String(r.id))!.status)).toEqual(['running', 'running', 'running']);
    expect(h.ledger().get(String(waiting.id))!.status).toBe('waiting');

    h.clock.advance(120_000);
    h.fake.state.finishExecution(running[0]!.id, 'success');
    h.fake.state.finishExecution(running[1]!.id, 'error', flakyError(7));
    h.fake.state.finishExecution(waiting.id, 'success');
    await h.poll();
    expectConverged(h);
    const r1 = h.ledger().get(String(running[1]!.id))!;
    expect(r1).toMatchObject({ status: 'failed', errorMessage: 'peer-flaky: random failure (r=0.007) [line 3]', failingStep: 'Maybe Throw' });
    expect(h.ledger().get(String(running[2]!.id))!.status).toBe('running');
    console.log(figure('running → finished via refreshRuns', h));
  });

  it('crashes between fetching and committing a page only replay pages', async () => {
    const { h } = await estate(1200);
    await h.poll({ crashEvery: 3 });
    expectConverged(h);
    console.log(figure('crash every 3rd page', h));
  });
});
