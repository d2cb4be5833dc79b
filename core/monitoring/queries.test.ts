import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testCore, T0 } from '../../test/support/core.ts';
import { addToHistogram, quantile, type Histogram } from '../store/histogram.ts';
import { MonitoringRepo } from '../store/monitoring-repo.ts';
import { alignDays, alignHours, DAY, HOUR } from './buckets.ts';
import { errorGroups } from './errors.ts';
import { DEGRADED_RATE, FAILING_RATE, overview } from './overview.ts';
import { scheduleFigures, slaReport } from './sla.ts';
import { seriesOf } from '../store/day-series.ts';
import { ledgerDb } from '../store/ledger-db.ts';

const MESSAGES = [
  'invalid_grant: Token has been expired or revoked.',
  'timeout of 30000ms exceeded',
  'Record 42 not found',
  'AccountValidationError: [401] Invalid API key or access token',
];

const run = fc.record({
  workflow: fc.integer({ min: 1, max: 5 }),
  offset: fc.integer({ min: 0, max: 12 * 24 * 60 }), // minutes before T0
  raw: fc.constantFrom('success', 'success', 'success', 'error', 'warning', 'canceled', 'running'),
  duration: fc.integer({ min: 1_000, max: 600_000 }),
  message: fc.constantFrom(...MESSAGES),
});
type Run = typeof run extends fc.Arbitrary<infer T> ? T : never;

function seed(runs: Run[]) {
  const core = testCore({ connectors: ['c1', 'c2'] });
  runs.forEach((r, i) => {
    const startedAt = T0 - r.offset * 60_000;
    const connectorId = r.workflow <= 3 ? 'c1' : 'c2';
    core.ingest({
      connectorId, cursor: String(i), records: [{
        externalId: `r${i}`, workflow: { externalId: `wf-${r.workflow}`, name: `Workflow ${r.workflow}` }, rawStatus: r.raw, startedAt,
        ...(r.raw === 'running' ? {} : { finishedAt: startedAt + r.duration }),
        ...(r.raw === 'error' || r.raw === 'warning' ? { errorMessage: r.message } : {}),
      }],
    });
  });
  return core;
}

interface Raw { workflow_id: number; status: string; started_at: number; duration_ms: number | null; error_fingerprint: string | null }

function rawRuns(core: ReturnType<typeof seed>): Raw[] {
  return ledgerDb(core.ledger).prepare('SELECT workflow_id, status, started_at, duration_ms, error_fingerprint FROM runs').all() as Raw[];
}

const TERMINAL = new Set(['success', 'warning', 'failed', 'canceled', 'skipped', 'missed']);
const group = (s: string) => (s === 'success' || s === 'warning' || s === 'failed' ? s : 'other');

function exactQuantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

const noExpectations = { now: T0, expectations: new Map(), createdAt: new Map(), firstWeeks: new Map() };

const rangeArb = fc.tuple(fc.integer({ min: 0, max: 14 * 24 }), fc.integer({ min: 1, max: 14 * 24 }))
  .map(([startH, lenH]) => ({ from: T0 - startH * HOUR + 7 * 60_000, to: T0 - startH * HOUR + lenH * HOUR }));

describe('every dashboard figure equals a brute-force recount over raw runs', () => {
  it('Overview: runs over time, totals, health strip, top failing and slowest', () => {
    fc.assert(fc.property(fc.array(run, { minLength: 1, maxLength: 60 }), rangeArb, (runs, range) => {
      const core = seed(runs);
      const repo = new MonitoringRepo(ledgerDb(core.ledger));
      const out = overview(core.ledger, repo, range, T0);
      const raw = rawRuns(core);
      const { from, to } = alignHours(range.from, range.to);
      expect([out.from, out.to]).toEqual([from, to]);
      expect(out.buckets.length).toBeLessThanOrEqual(300);
      const inRange = raw.filter((r) => r.started_at >= from && r.started_at < to);
      for (const bar of out.buckets) {
        const mine = inRange.filter((r) => r.started_at >= bar.t && r.started_at < bar.t + out.bucketMs);
        for (const k of ['success', 'warning', 'failed', 'other'] as const) expect(bar[k]).toBe(mine.filter((r) => group(r.status) === k).length);
      }
      expect(out.totals.success + out.totals.warning + out.totals.failed + out.totals.other).toBe(inRange.length);

      const last24 = alignHours(T0 - 24 * HOUR, T0);
      const health = { ok: 0, degraded: 0, failing: 0, quiet: 0 };
      for (const w of [1, 2, 3, 4, 5]) {
        const id = (ledgerDb(core.ledger).prepare('SELECT id FROM workflows WHERE external_id = ?').get(`wf-${w}`) as { id: number } | undefined)?.id;
        if (id === undefined) continue;
        const mine = raw.filter((r) => r.workflow_id === id && r.started_at >= last24.from && r.started_at < last24.to);
        const rate = mine.length ? mine.filter((r) => r.status === 'failed').length / mine.length : null;
        if (rate === null) health.quiet++;
        else if (rate >= FAILING_RATE) health.failing++;
        else if (rate >= DEGRADED_RATE) health.degraded++;
        else health.ok++;
      }
      expect(out.health).toMatchObject(health);

      const rankRange = to - from <= 2 * DAY ? { from, to } : alignDays(from, to);
      expect([out.rankFrom, out.rankTo]).toEqual([rankRange.from, rankRange.to]);
      const per = new Map<number, { total: number; failed: number; h: Histogram; d: number[] }>();
      for (const r of raw.filter((x) => x.started_at >= rankRange.from && x.started_at < rankRange.to)) {
        let e = per.get(r.workflow_id);
        if (!e) per.set(r.workflow_id, (e = { total: 0, failed: 0, h: new Map(), d: [] }));
        e.total++;
        if (r.status === 'failed') e.failed++;
        if (TERMINAL.has(r.status) && r.duration_ms != null) { addToHistogram(e.h, r.duration_ms); e.d.push(r.duration_ms); }
      }
      for (const f of out.topFailing) expect([f.failed, f.total]).toEqual([per.get(f.workflowId)!.failed, per.get(f.workflowId)!.total]);
      expect(out.topFailing.length).toBe(Math.min(10, [...per.values()].filter((e) => e.failed > 0).length));
      for (const f of out.slowest) {
        const e = per.get(f.workflowId)!;
        expect(f.p95Ms).toBe(quantile(e.h, 0.95));
        const exact = exactQuantile(e.d, 0.95);
        expect(Math.abs(f.p95Ms! - exact) / exact).toBeLessThanOrEqual(0.1);
      }
      expect(out.slowest.length).toBe(Math.min(10, [...per.values()].filter((e) => e.d.length > 0).length));
      core.close();
    }), { numRuns: 60 });
  });

  it('Errors: counts in range, daily trend and affected workflows per fingerprint', () => {
    fc.assert(fc.property(fc.array(run, { minLength: 1, maxLength: 60 }), rangeArb, (runs, range) => {
      const core = seed(runs);
      const out = errorGroups(new MonitoringRepo(ledgerDb(core.ledger)), range);
      const { from, to } = alignDays(range.from, range.to);
      const raw = rawRuns(core).filter((r) => r.error_fingerprint && r.started_at >= from && r.started_at < to);
      const fps = new Set(raw.map((r) => r.error_fingerprint!));
      expect(new Set(out.groups.map((g) => g.fingerprint))).toEqual(fps);
      for (const g of out.groups) {
        const mine = raw.filter((r) => r.error_fingerprint === g.fingerprint);
        expect(g.countInRange).toBe(mine.length);
        expect(g.trend.reduce((a, b) => a + b, 0)).toBe(mine.length);
        g.trend.forEach((n, i) => expect(n).toBe(mine.filter((r) => Math.floor((r.started_at - from) / DAY) === i).length));
        expect(new Set(g.workflows.map((w) => w.id))).toEqual(new Set(mine.map((r) => r.workflow_id)));
      }
      core.close();
    }), { numRuns: 60 });
  });

  it('SLA: schedule figures and duration quantiles per workflow', () => {
    fc.assert(fc.property(fc.array(run, { minLength: 1, maxLength: 60 }), rangeArb, (runs, range) => {
      const core = seed(runs);
      const out = slaReport(new MonitoringRepo(ledgerDb(core.ledger)), range, noExpectations);
      const { from, to } = alignDays(range.from, range.to);
      const raw = rawRuns(core).filter((r) => r.started_at >= from && r.started_at < to);
      const ids = new Set(raw.map((r) => r.workflow_id));
      expect(new Set(out.rows.map((r) => r.workflowId))).toEqual(ids);
      for (const row of out.rows) {
        const mine = raw.filter((r) => r.workflow_id === row.workflowId);
        const days = new Map<number, { day: number; total: number; failed: number }>();
        const h: Histogram = new Map();
        for (const r of mine) {
          const day = Math.floor(r.started_at / DAY) * DAY;
          const d = days.get(day) ?? { day, total: 0, failed: 0 };
          d.total++;
          if (r.status === 'failed') d.failed++;
          days.set(day, d);
          if (TERMINAL.has(r.status) && r.duration_ms != null) addToHistogram(h, r.duration_ms);
        }
        expect(row).toMatchObject({ basis: 'observed', ...scheduleFigures(seriesOf([...days.values()], from, to), from, to), p50Ms: quantile(h, 0.5), p95Ms: quantile(h, 0.95) });
        // No known schedule: whatever the gaps in the recount, nothing is missed and compliance is not computed.
        expect(row).toMatchObject({ runs: mine.length, succeeded: mine.filter((r) => r.status !== 'failed').length, missedRuns: 0, compliancePct: null, expectedRuns: null });
      }
      core.close();
    }), { numRuns: 60 });
  });
});

describe('SLA schedule figures', () => {
  it('without a known schedule, an empty stretch is never counted: the cadence is only an estimate, with no compliance', () => {
    const day = (i: number) => T0 - (T0 % DAY) + i * DAY;
    // 2 runs a day for 10 days, then nothing for 4 days (range ends at day 14): a guessed schedule would call that 5 missed.
    const days = Array.from({ length: 10 }, (_, i) => ({ day: day(i), total: 2, failed: i === 0 ? 1 : 0 }));
    const f = scheduleFigures(seriesOf(days, day(0), day(14)), day(0), day(14));
    expect(f).toEqual({ runs: 20, succeeded: 19, expectedIntervalMs: Math.round((14 * DAY) / 20), missedRuns: 0, compliancePct: null });
    expect(scheduleFigures(seriesOf([{ day: day(0), total: 1, failed: 0 }], day(0), day(3)), day(0), day(3))).toMatchObject({ expectedIntervalMs: null, compliancePct: null });
  });
});
