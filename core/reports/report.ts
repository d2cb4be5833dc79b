import type { Report, ReportSla, ReportWorkflow } from '../contract/reports.ts';
import type { SlaContext } from '../monitoring/index.ts';
import { slaReport } from '../monitoring/index.ts';
import type { Ledger } from '../store/ledger.ts';
import { periodOf, type PeriodKind } from './period.ts';

const HOUR = 3_600_000;
const LIST_LIMIT = 50;
const TOP_ERRORS = 10;

export type ReportLedger = Pick<Ledger, 'monitoring' | 'reports' | 'versions'>;

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

const pct = (part: number, whole: number) => (whole ? (100 * part) / whole : null);

/**
 * Runs and failed runs per workflow that started in [from, to): the hourly rollups for the whole hours inside, raw runs
 * for the minutes at either edge that do not fill an hour (zones with a half-hour offset). Equal to a recount over raw
 * runs while the runs are kept; past retention, the rollups still hold the whole hours.
 */
export function countRuns(ledger: ReportLedger, from: number, to: number): Map<number, { total: number; failed: number }> {
  const a = Math.min(to, Math.ceil(from / HOUR) * HOUR);
  const b = Math.max(a, Math.floor(to / HOUR) * HOUR);
  const out = new Map<number, { total: number; failed: number }>();
  const add = (rows: { workflowId: number; total: number; failed: number }[]) => {
    for (const r of rows) {
      const e = out.get(r.workflowId);
      if (e) {
        e.total += r.total;
        e.failed += r.failed;
      } else out.set(r.workflowId, { total: r.total, failed: r.failed });
    }
  };
  add(ledger.reports.rawCounts(from, a));
  add(ledger.monitoring.failureCounts(a, b));
  add(ledger.reports.rawCounts(b, to));
  return out;
}

/** The report for `input`'s period in `zone` at `now`: what Reports shows and the digest sends. */
export function buildReport(ledger: ReportLedger, input: { period: PeriodKind; offset: number }, zone: string, now: number, sla: SlaContext | null): Report {
  const period = periodOf(input.period, input.offset, now, zone);
  const { from, to } = period;
  const end = Math.min(to, now);
  const info = new Map(ledger.monitoring.workflows().map((w) => [w.id, w]));
  const nameOf = (id: number) => info.get(id)?.name ?? `Workflow ${id}`;
  const saved = ledger.reports.minutesSaved();

  const counts = countRuns(ledger, from, to);
  const workflows: ReportWorkflow[] = [...counts].filter(([, c]) => c.total > 0).map(([id, c]) => ({
    workflowId: id, workflowName: nameOf(id), connectorName: info.get(id)?.connectorName ?? '',
    runs: c.total, failed: c.failed, successPct: pct(c.total - c.failed, c.total), minutesSavedPerRun: saved.get(id) ?? null,
  })).sort((x, y) => y.failed - x.failed || y.runs - x.runs || x.workflowName.localeCompare(y.workflowName));
  const runs = workflows.reduce((n, w) => n + w.runs, 0);
  const failed = workflows.reduce((n, w) => n + w.failed, 0);
  let minutes = 0;
  let estimated = false;
  for (const w of workflows) {
    if (w.minutesSavedPerRun === null) continue;
    estimated = true;
    minutes += (w.runs - w.failed) * w.minutesSavedPerRun;
  }

  const incidents = ledger.reports.incidentsOpened(from, to, LIST_LIMIT).map((i) => ({
    ...i, ackMs: i.acknowledgedAt === null ? null : i.acknowledgedAt - i.openedAt, resolveMs: i.resolvedAt === null ? null : i.resolvedAt - i.openedAt,
  }));

  let slaRows: ReportSla[] = [];
  if (sla && end > from) {
    slaRows = slaReport(ledger.monitoring, { from, to: end }, sla).rows
      .filter((r) => r.expectedRuns !== null && (r.expectedRuns > 0 || r.runs > 0))
      .map((r) => ({ workflowId: r.workflowId, workflowName: r.workflowName, expectedLabel: r.expectedLabel, expectedRuns: r.expectedRuns,
        missedRuns: r.missedRuns, compliancePct: r.compliancePct }))
      .sort((x, y) => (x.compliancePct ?? 101) - (y.compliancePct ?? 101) || x.workflowName.localeCompare(y.workflowName));
  }

  return {
    period: input.period, offset: input.offset, timeZone: zone, from, to, label: period.label,
    partial: now < to, generatedAt: now,
    totals: { runs, failed, successPct: pct(runs - failed, runs), workflowsWithRuns: workflows.length, incidents: incidents.length },
    hoursSaved: estimated ? Math.round(minutes / 6) / 10 : null,
    workflows,
    breaks: ledger.reports.breaks(from, to, LIST_LIMIT).map((b) => ({ ...b, workflowName: nameOf(b.workflowId) })),
    incidents,
    medianAckMs: median(incidents.flatMap((i) => (i.ackMs === null ? [] : [i.ackMs]))),
    medianResolveMs: median(incidents.flatMap((i) => (i.resolveMs === null ? [] : [i.resolveMs]))),
    sla: slaRows,
    topErrors: ledger.reports.topErrors(from, to, TOP_ERRORS).map(({ workflowIds, ...e }) => ({ ...e, workflows: workflowIds.map(nameOf) })),
    changes: ledger.versions.markers(from, to, LIST_LIMIT).map(({ workflowId, workflowName, number, at }) => ({ workflowId, workflowName, number, at }))
      .reverse(),
  };
}
