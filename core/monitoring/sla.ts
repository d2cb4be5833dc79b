import type { SlaOutput, SlaRow } from '../contract/monitoring.ts';
import { WEEK, type MonitoringRepo } from '../store/monitoring-repo.ts';
import { alignDays, DAY } from './buckets.ts';
import { scheduleLabel, type SlaExpectation } from './sla-expectations.ts';
import { intervalInWords } from './schedule-label.ts';
import { forEachWindow } from './sla-schedule.ts';
import { emptySeries, runsOn, type DaySeries } from '../store/day-series.ts';

/** Without a duration rule's limit, a run is slow when it takes over 3× the workflow's typical (p50) time. */
export const THRESHOLD_FACTOR = 3;

/**
 * Figures for a workflow without a known schedule (event- or webhook-driven, or nobody said), from its runs per day
 * over [from, to) (day-aligned), pure so tests can feed it a recount. Its cadence — the time from the first day with a
 * run to the end of the range divided by the number of runs — is only an estimate shown as such: silence is never
 * counted against a guess, so it has no missed runs and no compliance.
 */
export function scheduleFigures(s: DaySeries, from: number, to: number): Pick<SlaRow, 'expectedIntervalMs' | 'runs' | 'succeeded' | 'missedRuns' | 'compliancePct'> {
  let runs = 0;
  let failed = 0;
  let first = -1;
  for (let d = from; d < to; d += DAY) {
    const n = runsOn(s, d);
    if (n > 0 && first < 0) first = d;
    runs += n;
    failed += s.failed[Math.round((d - s.from) / DAY)] ?? 0;
  }
  return { expectedIntervalMs: runs < 2 ? null : Math.round((to - first) / runs), runs, succeeded: runs - failed, missedRuns: 0, compliancePct: null };
}

/**
 * Schedule figures against an expected schedule: in each window, the runs the schedule expected beyond the runs that
 * happened are missed. Compliance: runs that did not fail among the runs expected (runs plus missed runs).
 */
export function scheduledFigures(s: DaySeries, from: number, to: number, windows: (visit: (a: number, b: number, expected: number) => void) => void):
  Pick<SlaRow, 'expectedIntervalMs' | 'expectedRuns' | 'runs' | 'succeeded' | 'missedRuns' | 'compliancePct'> {
  let runs = 0;
  let failed = 0;
  for (let d = from; d < to; d += DAY) {
    runs += runsOn(s, d);
    failed += s.failed[Math.round((d - s.from) / DAY)] ?? 0;
  }
  let expectedRuns = 0;
  let missedRuns = 0;
  let first = -1;
  let last = -1;
  windows((a, b, expected) => {
    let held = 0;
    for (let d = a; d < b; d += DAY) held += runsOn(s, d);
    expectedRuns += expected;
    missedRuns += Math.max(0, expected - held);
    if (first < 0) first = a;
    last = b;
  });
  return {
    expectedIntervalMs: expectedRuns ? Math.round((last - first) / expectedRuns) : null, expectedRuns, runs, succeeded: runs - failed, missedRuns,
    compliancePct: runs + missedRuns ? (100 * (runs - failed)) / (runs + missedRuns) : null,
  };
}

/** What the SLA report needs beyond the rollups: each workflow's expectation and when it was first seen. */
export interface SlaContext {
  now: number;
  expectations: ReadonlyMap<number, SlaExpectation>;
  /** When Flowdeck first saw each workflow (its created_at); the start of the week of its first run comes from the rollups. */
  createdAt: ReadonlyMap<number, number>;
  /** The week of each workflow's first run (MonitoringRepo.firstWeeks). */
  firstWeeks: ReadonlyMap<number, number>;
}

/** Per workflow, over the days covering [from, to): expectation, compliance, missed runs and durations against a threshold. */
export function slaReport(repo: MonitoringRepo, range: { from: number; to: number }, ctx: SlaContext): SlaOutput {
  const { from, to } = alignDays(range.from, range.to);
  // A week before the range too: where a workflow's first run falls in it, its first day is found there.
  const series = repo.dailySeries(from - WEEK, to);
  const none = emptySeries(from - WEEK, to);
  const { per } = repo.perWorkflow(from, to);
  const rows: SlaRow[] = [];
  for (const w of repo.workflows()) {
    const days = series.get(w.id) ?? none;
    const exp = ctx.expectations.get(w.id);
    let figures: ReturnType<typeof scheduledFigures>;
    let label: string | null;
    if (exp?.schedule) {
      // Expected from the first run, to the minute (or from when Flowdeck first saw a workflow that never ran).
      const week = ctx.firstWeeks.get(w.id);
      const firstIndex = days.totals.findIndex((n) => n > 0);
      const firstDay = firstIndex < 0 ? undefined : days.from + firstIndex * DAY;
      const since = week === undefined ? (ctx.createdAt.get(w.id) ?? from) : week + WEEK <= from ? from
        : firstDay === undefined ? to : (repo.firstRunAt(w.id, firstDay, firstDay + DAY) ?? firstDay);
      const schedule = exp.schedule;
      figures = scheduledFigures(days, from, to, (visit) => forEachWindow(schedule, from, to, since, ctx.now - exp.graceMs, visit));
      label = scheduleLabel(exp.schedule);
      if (!figures.runs && !figures.expectedRuns) continue;
    } else {
      figures = { ...scheduleFigures(days, from, to), expectedRuns: null };
      if (!figures.runs) continue;
      label = figures.expectedIntervalMs === null ? null : `estimated: about every ${intervalInWords(figures.expectedIntervalMs)}`;
    }
    const p50 = per.get(w.id)?.p50Ms ?? null;
    const p95 = per.get(w.id)?.p95Ms ?? null;
    const threshold = exp?.thresholdMs ?? (p50 === null ? null : p50 * THRESHOLD_FACTOR);
    rows.push({
      workflowId: w.id, workflowName: w.name, connectorName: w.connectorName,
      basis: exp?.schedule ? exp.basis : 'observed', expectedLabel: label, ...figures,
      p50Ms: p50, p95Ms: p95, thresholdMs: threshold,
      thresholdBasis: exp?.thresholdMs != null ? 'rule' : threshold === null ? null : 'typical',
      withinThreshold: p95 === null || threshold === null ? null : p95 <= threshold,
    });
  }
  // Worst compliance first; workflows measured against nothing known (compliance null) come after every measured one.
  rows.sort((a, b) => (a.compliancePct ?? 101) - (b.compliancePct ?? 101) || a.workflowId - b.workflowId);
  return { from, to, rows };
}
