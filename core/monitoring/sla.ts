import type { SlaOutput, SlaRow } from '../contract/monitoring.ts';
import { denseQuantile } from '../store/dense-histogram.ts';
import type { MonitoringRepo } from '../store/monitoring-repo.ts';
import { alignDays, DAY } from './buckets.ts';

/** Until the registry's duration thresholds land: a run is slow when it takes over 3× the workflow's typical (p50) time. */
export const THRESHOLD_FACTOR = 3;

export interface DayCount {
  day: number;
  total: number;
  failed: number;
}

/**
 * Schedule figures from a workflow's runs per day over [from, to) (day-aligned), pure so tests can feed it a recount.
 * Expected interval: the observed cadence, i.e. the time from the first day with a run to the end of the range divided
 * by the number of runs. Missed runs: every stretch of days without a run longer than twice that interval counts the
 * runs it should have held. Compliance: runs that did not fail among the runs expected (runs plus missed runs).
 */
export function scheduleFigures(days: DayCount[], to: number): Pick<SlaRow, 'expectedIntervalMs' | 'runs' | 'succeeded' | 'missedRuns' | 'compliancePct'> {
  const active = days.filter((d) => d.total > 0).sort((a, b) => a.day - b.day);
  const runs = active.reduce((n, d) => n + d.total, 0);
  const succeeded = runs - active.reduce((n, d) => n + d.failed, 0);
  if (runs < 2) return { expectedIntervalMs: null, runs, succeeded, missedRuns: 0, compliancePct: null };
  const interval = (to - active[0]!.day) / runs;
  let missedRuns = 0;
  const gap = (emptyDays: number) => {
    const ms = emptyDays * DAY;
    if (ms > 2 * interval) missedRuns += Math.floor(ms / interval);
  };
  for (let i = 1; i < active.length; i++) gap(Math.round((active[i]!.day - active[i - 1]!.day) / DAY) - 1);
  gap(Math.round((to - active.at(-1)!.day) / DAY) - 1);
  return {
    expectedIntervalMs: Math.round(interval), runs, succeeded, missedRuns,
    compliancePct: (100 * succeeded) / (runs + missedRuns),
  };
}

/** Per workflow, over the days covering [from, to): cadence, compliance, missed runs and durations against a threshold. */
export function slaReport(repo: MonitoringRepo, range: { from: number; to: number }): SlaOutput {
  const { from, to } = alignDays(range.from, range.to);
  const days = new Map<number, DayCount[]>();
  for (const [day, workflowId, total, failed] of repo.dailyCounts(from, to)) {
    let list = days.get(workflowId);
    if (!list) days.set(workflowId, (list = []));
    list.push({ day, total, failed });
  }
  const { per } = repo.perWorkflow(from, to);
  const rows: SlaRow[] = [];
  for (const w of repo.workflows()) {
    const list = days.get(w.id);
    if (!list) continue;
    const hist = per.get(w.id)?.hist;
    const p50 = hist ? denseQuantile(hist, 0.5) : null;
    const p95 = hist ? denseQuantile(hist, 0.95) : null;
    const threshold = p50 === null ? null : p50 * THRESHOLD_FACTOR;
    rows.push({
      workflowId: w.id, workflowName: w.name, connectorName: w.connectorName,
      ...scheduleFigures(list, to),
      p50Ms: p50, p95Ms: p95, thresholdMs: threshold,
      withinThreshold: p95 === null || threshold === null ? null : p95 <= threshold,
    });
  }
  rows.sort((a, b) => (a.compliancePct ?? 101) - (b.compliancePct ?? 101) || a.workflowId - b.workflowId);
  return { from, to, basis: 'observed-cadence', rows };
}
