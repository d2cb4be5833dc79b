import type { Db } from './db.ts';
import { StatementCache } from './statements.ts';

export interface BreakRow { workflowId: number; brokeAt: number; fixedAt: number | null; failedRuns: number; firstError: string | null }
export interface ErrorCountRow { fingerprint: string; message: string; count: number; lastAt: number; workflowIds: number[] }
export interface IncidentSpanRow {
  id: number; targetName: string; summary: string; severity: string; openedAt: number; acknowledgedAt: number | null; resolvedAt: number | null;
}

/**
 * What the weekly and monthly reports read beyond the rollups (core/reports/): runs in the few minutes of a period
 * that do not fill an hour, stretches of failures, the period's errors and incidents, and the minutes each run saves.
 * Read only.
 */
export class ReportsRepo {
  private readonly statements: StatementCache;

  constructor(db: Db) {
    this.statements = new StatementCache(db);
  }

  /** Runs and failed runs per workflow that started in [from, to), counted over raw runs (a period's ragged edges). */
  rawCounts(from: number, to: number): { workflowId: number; total: number; failed: number }[] {
    if (to <= from) return [];
    return this.statements.get<{ workflowId: number; total: number; failed: number }>(`SELECT workflow_id AS workflowId, count(*) AS total,
      sum(status = 'failed') AS failed FROM runs WHERE started_at >= ? AND started_at < ? GROUP BY workflow_id`).all(from, to);
  }

  /**
   * Stretches of failures among finished runs that started in [from, to): from a failed run that follows a run that did
   * not fail (or opens the period) to the next run that did not fail, in start order per workflow.
   */
  breaks(from: number, to: number, limit: number): BreakRow[] {
    const rows = this.statements.get<{ workflowId: number; at: number; failed: number; error: string | null }>(`SELECT workflow_id AS workflowId,
      started_at AS at, status = 'failed' AS failed, error_message AS error FROM runs
      WHERE started_at >= ? AND started_at < ? AND status IN ('success', 'warning', 'failed')
      ORDER BY started_at, id`).iterate(from, to);
    const open = new Map<number, BreakRow>();
    const out: BreakRow[] = [];
    for (const r of rows) {
      const current = open.get(r.workflowId);
      if (r.failed) {
        if (current) current.failedRuns++;
        else open.set(r.workflowId, { workflowId: r.workflowId, brokeAt: r.at, fixedAt: null, failedRuns: 1, firstError: r.error });
      } else if (current) {
        current.fixedAt = r.at;
        out.push(current);
        open.delete(r.workflowId);
      }
    }
    out.push(...open.values());
    return out.sort((a, b) => a.brokeAt - b.brokeAt).slice(0, limit);
  }

  /** The most frequent errors (by fingerprint) among runs that started in [from, to). */
  topErrors(from: number, to: number, limit: number): ErrorCountRow[] {
    const rows = this.statements.get<{ fingerprint: string; message: string; count: number; lastAt: number; ids: string }>(`SELECT
      error_fingerprint AS fingerprint, coalesce(max(error_message), '') AS message, count(*) AS count, max(started_at) AS lastAt,
      group_concat(DISTINCT workflow_id) AS ids
      FROM runs WHERE started_at >= ? AND started_at < ? AND error_fingerprint IS NOT NULL
      GROUP BY error_fingerprint ORDER BY count DESC, lastAt DESC LIMIT ?`).all(from, to, limit);
    return rows.map(({ ids, ...r }) => ({ ...r, workflowIds: ids.split(',').map(Number) }));
  }

  /** Incidents opened in [from, to), oldest first. */
  incidentsOpened(from: number, to: number, limit: number): IncidentSpanRow[] {
    return this.statements.get<IncidentSpanRow>(`SELECT id, target_name AS targetName, summary, severity, opened_at AS openedAt,
      acknowledged_at AS acknowledgedAt, resolved_at AS resolvedAt FROM incidents WHERE opened_at >= ? AND opened_at < ?
      ORDER BY opened_at, id LIMIT ?`).all(from, to, limit);
  }

  /** The minutes one run saves, per workflow that has an estimate in the registry. */
  minutesSaved(): Map<number, number> {
    const rows = this.statements.get<{ id: number; m: number }>(`SELECT workflow_id AS id, minutes_saved_per_run AS m FROM workflow_registry
      WHERE minutes_saved_per_run IS NOT NULL`).all();
    return new Map(rows.map((r) => [r.id, r.m]));
  }
}
