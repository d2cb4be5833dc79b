// Every connector against its fake with a randomized schedule of transport faults (the whole FaultPlan matrix:
// 429 with and without Retry-After, 500/502/503, hangs past the timeout, truncated and malformed bodies, HTML login
// pages, resets) plus the fakes' vendor faults (duplicated, reordered/swapped pages, invalid cursors, secondary limits),
// on fake time. Figures per connector; the ledger must end equal to the vendor's truth.
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../core/demo/prng.ts';
import type { HttpStats } from '../../core/platform/http/types.ts';
import type { FaultKind, FaultPlan } from '../fakes/faults.ts';
import { githubHarness } from '../fakes/github/harness.ts';
import { makeHarness, makeTruthAndLedger } from '../fakes/make/harness.ts';
import { startHarness, T0 as N8N_T0 } from '../fakes/n8n/harness.ts';
import { seedExecutions, seedWorkflows } from '../fakes/n8n/seed.ts';
import { zapierHarness } from '../fakes/zapier/harness.ts';

const LONG = process.env['FLOWDECK_LONG'] === '1';
const ROUNDS = LONG ? 60 : 8;
const KINDS: FaultKind[] = ['status-429', 'status-500', 'status-502', 'status-503', 'hang', 'truncate', 'malformed', 'html', 'reset'];

interface Subject {
  faults: FaultPlan;
  vendorFault(rnd: () => number): void;
  vendorInjected(): number;
  /** One poll until the driver is idle (failures retried after backoff, on fake time); the failures' kinds. */
  poll(): Promise<string[]>;
  grow(rnd: () => number): void;
  diff(): { lost: number; doubled: number; wrong: number; truth: number };
  stats(): HttpStats;
  elapsedMs(): number;
  close(): Promise<void>;
}

const keyed = (rows: { id: string; status: string }[]) => new Map(rows.map((r) => [r.id, r.status]));
function compare(truth: { id: string; status: string }[], ledger: { id: string; status: string }[]) {
  const t = keyed(truth);
  const l = keyed(ledger);
  return {
    truth: t.size,
    lost: [...t.keys()].filter((id) => !l.has(id)).length,
    doubled: ledger.length - l.size + [...l.keys()].filter((id) => !t.has(id)).length,
    wrong: [...t].filter(([id, s]) => l.has(id) && l.get(id) !== s).length,
  };
}

async function n8nSubject(): Promise<Subject> {
  const h = await startHarness({ timeoutMs: 200 });
  const estate = seedWorkflows(h.fake.state);
  seedExecutions(h.fake.state, estate, 700, N8N_T0 - 86_400_000);
  return {
    faults: h.fake.faults,
    vendorFault: (rnd) => { h.fake.vendor.add((['duplicate-page', 'reorder-page', 'invalid-cursor'] as const)[Math.floor(rnd() * 3)]!); },
    vendorInjected: () => h.fake.vendor.injected.length,
    poll: async () => {
      const before = h.failures.length;
      await h.poll({ maxFailures: 50 });
      return h.failures.slice(before).map((f) => f.kind);
    },
    grow: (rnd) => { seedExecutions(h.fake.state, estate, 5 + Math.floor(rnd() * 40), h.clock.now()); },
    diff: () => compare([...h.truth()].map(([id, status]) => ({ id, status })), [...h.ledger()].map(([id, r]) => ({ id, status: r.status }))),
    stats: () => h.stats(),
    elapsedMs: () => h.clock.now() - N8N_T0,
    close: () => h.close(),
  };
}

async function makeSubject(): Promise<Subject> {
  const h = await makeHarness({ timeoutMs: 250 });
  const t0 = h.time.clock.now();
  return {
    faults: h.fake.faults,
    vendorFault: () => undefined,
    vendorInjected: () => 0,
    poll: async () => {
      const r = await h.loop.poll();
      await h.loop.refresh();
      return r.failures.map((f) => f.kind);
    },
    grow: () => undefined,
    diff: () => { const { truth, ledger } = makeTruthAndLedger(h); return compare(truth, ledger); },
    stats: () => h.http.stats(),
    elapsedMs: () => h.time.clock.now() - t0,
    close: () => h.close(),
  };
}

async function githubSubject(): Promise<Subject> {
  const h = await githubHarness({ runs: 120 });
  const t0 = h.time.clock.now();
  return {
    faults: h.fake.faults,
    vendorFault: (rnd) => {
      const kind = (['duplicate-page', 'swap-pages', 'secondary-limit'] as const)[Math.floor(rnd() * 3)]!;
      h.fake.handler.addVendorFault({ kind, retryAfterS: 30 });
    },
    vendorInjected: () => h.fake.handler.vendorFaults.reduce((n, f) => n + ((f.times ?? 1) - f.left), 0),
    poll: async () => {
      const r = await h.loop.poll();
      await h.loop.refresh();
      return r.failures.map((f) => f.kind);
    },
    grow: () => undefined,
    diff: () => { const { truth, ledger } = h.compare(); return compare(truth, ledger); },
    stats: () => h.http.stats(),
    elapsedMs: () => h.time.clock.now() - t0,
    close: () => h.close(),
  };
}

async function zapierSubject(): Promise<Subject> {
  const h = await zapierHarness();
  const t0 = h.time.clock.now();
  const zaps = ['Leads', 'Invoices', 'Digest'].map((t) => h.fake.state.addZap(t, t0 - 90 * 86_400_000));
  for (let i = 0; i < 240; i++) h.fake.state.addRun(zaps[i % 3]!, i % 5 === 0 ? 'error' : 'success', t0 - (240 - i) * 12 * 60_000, 1000 + i);
  const driver = h.newDriver();
  let vendor = 0;
  return {
    faults: h.fake.plan,
    vendorFault: (rnd) => {
      vendor++;
      if (rnd() < 0.5) h.fake.state.paging.duplicatePage++;
      else h.fake.state.paging.swapPages++;
    },
    vendorInjected: () => vendor,
    poll: async () => (await h.syncUntilIdle(driver)).map((e) => (e as { kind?: string }).kind ?? 'other'),
    grow: () => undefined,
    diff: () => { const d = h.diff(); return { lost: d.missing.length, doubled: d.extra.length, wrong: d.wrongStatus.length, truth: h.fake.state.runs.length }; },
    stats: () => ({ requests: h.fake.log.length, retries: 0, failures: 0, budget: null, breaker: 'closed' }),
    elapsedMs: () => h.time.clock.now() - t0,
    close: () => h.close(),
  };
}

const lines: string[] = [];
afterAll(() => console.log(lines.join('\n')));

describe('fault suite: every connector converges through randomized faults', () => {
  it.each([['n8n', n8nSubject], ['make', makeSubject], ['github', githubSubject], ['zapier', zapierSubject]] as const)('%s', async (name, build) => {
    const rnd = mulberry32(Number(process.env['FLOWDECK_SEED'] ?? 6) + name.length);
    const s = await build();
    const surfaced: string[] = [];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        for (let i = 0, n = 1 + Math.floor(rnd() * 4); i < n; i++) {
          const kind = KINDS[Math.floor(rnd() * KINDS.length)]!;
          s.faults.add({ kind, times: 1 + Math.floor(rnd() * 3), ...(kind === 'status-429' && rnd() < 0.7 ? { retryAfterS: Math.floor(rnd() * 60) } : {}) });
        }
        // Every fourth round a storm: a dozen 503s in a row, enough to open a circuit breaker.
        if (round % 4 === 3) s.faults.add({ kind: 'status-503', times: 12 });
        if (rnd() < 0.5) s.vendorFault(rnd);
        s.grow(rnd);
        surfaced.push(...await s.poll());
      }
      s.faults.clear();
      surfaced.push(...await s.poll());
      const kinds = new Map<string, number>();
      for (const k of surfaced) kinds.set(k, (kinds.get(k) ?? 0) + 1);
      const d = s.diff();
      const st = s.stats();
      const ok = d.lost === 0 && d.doubled === 0 && d.wrong === 0;
      lines.push(`faults ${name}: rounds=${ROUNDS} truth=${d.truth} requests=${st.requests} retries=${st.retries} ` +
        `transport faults injected=${s.faults.injected.length} vendor faults=${s.vendorInjected()} surfaced to poll=${surfaced.length} ${JSON.stringify(Object.fromEntries(kinds))} ` +
        `simulated time=${(s.elapsedMs() / 60_000).toFixed(1)} min lost=${d.lost} doubled=${d.doubled} wrongStatus=${d.wrong}; ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
      expect(s.faults.injected.length).toBeGreaterThan(0);
      expect({ lost: d.lost, doubled: d.doubled, wrong: d.wrong }).toEqual({ lost: 0, doubled: 0, wrong: 0 });
    } finally {
      await s.close();
    }
  });
});
