import type { OverviewOutput, WorkflowFigure } from '../contract/monitoring.ts';
import type { IncidentsRepo } from '../store/incidents-repo.ts';
import type { LedgerReader } from '../store/ledger.ts';
import type { MonitoringRepo, WorkflowInfo, WorkflowRange } from '../store/monitoring-repo.ts';
import type { VersionsRepo } from '../store/versions-repo.ts';
import { alignHours, bucketSize, bucketStarts, HOUR } from './buckets.ts';

export const FAILING_RATE = 0.2;
export const DEGRADED_RATE = 0.05;
const TOP = 10;
const RECENT_INCIDENTS = 8;
export const MAX_VERSION_MARKERS = 20;

/** What the Overview reads beyond the rollups: the alerting and registry repositories. */
export interface OverviewExtras {
  incidents: Pick<IncidentsRepo, 'countOpen' | 'recent'>;
  versions: Pick<VersionsRepo, 'markers'>;
}

export function failureRate(failed: number, total: number): number | null {
  return total > 0 ? failed / total : null;
}

function figure(id: number, r: WorkflowRange, w: WorkflowInfo | undefined): WorkflowFigure {
  return {
    workflowId: id,
    workflowName: w?.name ?? `Workflow ${id}`,
    connectorId: w?.connectorId ?? '',
    connectorName: w?.connectorName ?? '',
    total: r.total,
    failed: r.failed,
    failureRate: failureRate(r.failed, r.total),
    p50Ms: r.p50Ms,
    p95Ms: r.p95Ms,
  };
}

/** Runs over time stacked by status, with the failure rate per bar. */
export function runsOverTime(repo: MonitoringRepo, from: number, to: number): Pick<OverviewOutput, 'bucketMs' | 'buckets' | 'totals'> {
  const size = bucketSize(from, to);
  const starts = bucketStarts(from, to, size);
  const bars = starts.map((t) => ({ t, success: 0, warning: 0, failed: 0, other: 0, failureRate: null as number | null }));
  const first = starts[0] ?? from;
  const totals = { success: 0, warning: 0, failed: 0, other: 0 };
  for (const row of repo.globalHours(from, to)) {
    const bar = bars[Math.floor((row.hour - first) / size)];
    if (!bar) continue;
    bar.success += row.success;
    bar.warning += row.warning;
    bar.failed += row.failed;
    bar.other += row.other;
  }
  for (const bar of bars) {
    bar.failureRate = failureRate(bar.failed, bar.success + bar.warning + bar.failed + bar.other);
    totals.success += bar.success;
    totals.warning += bar.warning;
    totals.failed += bar.failed;
    totals.other += bar.other;
  }
  return { bucketMs: size, buckets: bars, totals };
}

/** Workflows by failure rate over the last 24 hours. */
export function healthStrip(repo: MonitoringRepo, workflows: WorkflowInfo[], now: number): OverviewOutput['health'] {
  const { from, to } = alignHours(now - 24 * HOUR, now);
  const per = new Map(repo.failureCounts(from, to).map((r) => [r.workflowId, r]));
  const health = { ok: 0, degraded: 0, failing: 0, quiet: 0, connectorsNeedingAttention: repo.connectorsNeedingAttention(), openIncidents: null };
  for (const w of workflows) {
    if (w.archived) continue;
    const r = per.get(w.id);
    const rate = r ? failureRate(r.failed, r.total) : null;
    if (rate === null) health.quiet += 1;
    else if (rate >= FAILING_RATE) health.failing += 1;
    else if (rate >= DEGRADED_RATE) health.degraded += 1;
    else health.ok += 1;
  }
  return health;
}

export function rankWorkflows(per: Map<number, WorkflowRange>, workflows: WorkflowInfo[]): Pick<OverviewOutput, 'topFailing' | 'slowest'> {
  const byId = new Map(workflows.map((w) => [w.id, w]));
  const all = [...per.entries()].map(([id, r]) => figure(id, r, byId.get(id)));
  const topFailing = all.filter((f) => f.failed > 0)
    .sort((a, b) => b.failed - a.failed || (b.failureRate ?? 0) - (a.failureRate ?? 0) || a.workflowId - b.workflowId).slice(0, TOP);
  const slowest = all.filter((f) => f.p95Ms !== null)
    .sort((a, b) => b.p95Ms! - a.p95Ms! || a.workflowId - b.workflowId).slice(0, TOP);
  return { topFailing, slowest };
}

/** Top failing and slowest over the range; over two days long, the whole days covering it (rankFrom/rankTo say which). */
function rank(repo: MonitoringRepo, from: number, to: number, workflows: WorkflowInfo[]): Pick<OverviewOutput, 'topFailing' | 'slowest' | 'rankFrom' | 'rankTo'> {
  const covered = repo.perWorkflow(from, to);
  return { rankFrom: covered.from, rankTo: covered.to, ...rankWorkflows(covered.per, workflows) };
}

/** Everything the Overview shows for [from, to), widened to whole hours; `now` anchors the health strip. */
export function overview(ledger: Pick<LedgerReader, 'runs'>, repo: MonitoringRepo, range: { from: number; to: number }, now: number, extras?: OverviewExtras): OverviewOutput {
  const { from, to } = alignHours(range.from, range.to);
  const workflows = repo.workflows();
  const health = healthStrip(repo, workflows, now);
  return {
    from, to,
    ...runsOverTime(repo, from, to),
    health: extras ? { ...health, openIncidents: extras.incidents.countOpen() } : health,
    ...rank(repo, from, to, workflows),
    recentFailures: ledger.runs.list({ statuses: ['failed'], from, to }, null, 8).items,
    ...(extras ? {
      recentIncidents: extras.incidents.recent(RECENT_INCIDENTS).map(({ id, ruleName, targetName, workflowId, severity, status, summary, openedAt }) =>
        ({ id, ruleName, targetName, workflowId, severity, status, summary, openedAt })),
      versionMarkers: extras.versions.markers(from, to, MAX_VERSION_MARKERS),
    } : {}),
  };
}
