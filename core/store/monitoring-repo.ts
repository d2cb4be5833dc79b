import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';
import { addEncoded, denseCount, denseHistogram, denseQuantile, resetDense } from './dense-histogram.ts';
import type { DaySeries } from './day-series.ts';
import { periodCache, type PeriodCache, type PeriodRow, type PeriodTable } from './period-cache.ts';

export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const WEEK = 7 * DAY;

export interface WorkflowInfo {
  id: number;
  name: string;
  connectorId: string;
  connectorName: string;
  archived: number;
}

export interface GlobalHourRow {
  hour: number;
  success: number;
  warning: number;
  failed: number;
  other: number;
}

/** What one workflow did over a range: counts, and the quantiles of its merged duration histogram. */
export interface WorkflowRange {
  total: number;
  success: number;
  warning: number;
  failed: number;
  /** Runs with a duration (the histogram's count). */
  timed: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface ErrorGroupRow {
  fingerprint: string;
  template: string;
  sampleMessage: string;
  firstSeen: number;
  lastSeen: number;
}

const floorTo = (t: number, unit: number) => Math.floor(t / unit) * unit;

/**
 * Read side of the monitoring rollups (migration 0004): every figure the Overview, Errors and SLA pages show
 * comes from here, reading rollup rows, never aggregating raw runs.
 */
export class MonitoringRepo {
  private readonly db: Db;
  private readonly s: Record<string, Statement<unknown[], unknown>>;
  private readonly cache: PeriodCache;
  private readonly scratch = denseHistogram();
  private seriesBuffer = new Int32Array(0);
  /** Error fingerprints seen by forEachErrorDay, interned (bounded by the error groups the ledger holds). */
  private readonly fingerprints: string[] = [];
  private readonly fingerprintIds = new Map<string, number>();

  constructor(db: Db) {
    this.db = db;
    this.s = {};
    this.cache = periodCache(db);
  }

  private stmt<T>(sql: string): Statement<unknown[], T> {
    let s = this.s[sql];
    if (!s) this.s[sql] = (s = this.db.prepare(sql));
    return s as Statement<unknown[], T>;
  }

  workflows(): WorkflowInfo[] {
    return this.stmt<WorkflowInfo>(`SELECT w.id, w.name, w.connector_id AS connectorId, c.name AS connectorName, w.archived
      FROM workflows w JOIN connectors c ON c.id = w.connector_id`).all();
  }

  connectorsNeedingAttention(): number {
    return this.stmt<{ n: number }>(`SELECT count(*) AS n FROM connectors WHERE health IN ('needs_attention', 'degraded')`).get()!.n;
  }

  connectorCount(): number {
    return this.stmt<{ n: number }>('SELECT count(*) AS n FROM connectors').get()!.n;
  }

  /** All workflows together, hour by hour, for hours in [from, to) (hour-aligned). */
  globalHours(from: number, to: number): GlobalHourRow[] {
    return this.stmt<GlobalHourRow>(`SELECT hour, n_success AS success, n_warning AS warning, n_failed AS failed,
      n_queued + n_running + n_waiting + n_canceled + n_skipped + n_missed + n_unknown AS other
      FROM rollups_global_hourly WHERE hour >= ? AND hour < ? ORDER BY hour`).all(from, to);
  }

  /**
   * Per-workflow counts and histograms. Up to two days: exactly the hours in [from, to) (hour-aligned) from the hourly
   * rollup. Longer: the whole days covering the range, from the weekly rollup for whole weeks and the daily one for the
   * days at either end, so 90 days read about 500 × (13 + 12) rows at any run count. Periods come through the
   * PeriodCache, so a refresh rereads only the ones an ingest changed. Returns the range covered.
   */
  perWorkflow(from: number, to: number): { from: number; to: number; per: Map<number, WorkflowRange> } {
    // Rows are grouped per workflow first; then one scratch histogram merges each workflow's BLOBs in turn, so a
    // refresh allocates no histogram per workflow (their backing stores are native memory that GC frees late).
    const groups = new Map<number, PeriodRow[]>();
    const add = (r: PeriodRow) => {
      const g = groups.get(r.workflowId);
      if (g) g.push(r);
      else groups.set(r.workflowId, [r]);
    };
    const collect = (range: { from: number; to: number }) => {
      const out = new Map<number, WorkflowRange>();
      for (const [id, rows] of groups) {
        resetDense(this.scratch);
        const e: WorkflowRange = { total: 0, success: 0, warning: 0, failed: 0, timed: 0, p50Ms: null, p95Ms: null };
        for (const r of rows) {
          e.total += r.total;
          e.success += r.success;
          e.warning += r.warning;
          e.failed += r.failed;
          addEncoded(this.scratch, r.hist);
        }
        e.timed = denseCount(this.scratch);
        e.p50Ms = denseQuantile(this.scratch, 0.5);
        e.p95Ms = denseQuantile(this.scratch, 0.95);
        out.set(id, e);
      }
      return { ...range, per: out };
    };
    const periods = (table: PeriodTable, step: number, x: number, y: number) => {
      for (let p = x; p < y; p += step) for (const r of this.period(table, p)) add(r);
    };
    if (to - from <= 2 * DAY) {
      periods('rollups_hourly', HOUR, from, to);
      return collect({ from, to });
    }
    const a = floorTo(from, DAY);
    const b = Math.ceil(to / DAY) * DAY;
    const firstWeek = Math.ceil(a / WEEK) * WEEK;
    const lastWeek = floorTo(b, WEEK);
    if (firstWeek < lastWeek) {
      periods('rollups_daily', DAY, a, firstWeek);
      periods('rollups_weekly', WEEK, firstWeek, lastWeek);
      periods('rollups_daily', DAY, lastWeek, b);
    } else {
      periods('rollups_daily', DAY, a, b);
    }
    return collect({ from: a, to: b });
  }

  /** One period's rows (an hour, day or week starting at `start`), through the cache. */
  private period(table: PeriodTable, start: number): PeriodRow[] {
    return this.cache.get(table, start, () => {
      const sql = table === 'rollups_hourly'
        ? `SELECT workflow_id AS workflowId,
            n_queued + n_running + n_waiting + n_success + n_warning + n_failed + n_canceled + n_skipped + n_missed + n_unknown AS total,
            n_success AS success, n_warning AS warning, n_failed AS failed, hist FROM rollups_hourly WHERE hour = ?`
        : `SELECT workflow_id AS workflowId, n_total AS total, n_success AS success, n_warning AS warning, n_failed AS failed, hist
            FROM ${table} WHERE ${table === 'rollups_daily' ? 'day' : 'week'} = ?`;
      return this.stmt<PeriodRow>(sql).all(start);
    });
  }

  /** Runs and failures per workflow for hours in [from, to) (hour-aligned): the health strip. */
  failureCounts(from: number, to: number): { workflowId: number; total: number; failed: number }[] {
    const per = new Map<number, { workflowId: number; total: number; failed: number }>();
    for (let h = from; h < to; h += HOUR) {
      for (const r of this.period('rollups_hourly', h)) {
        const e = per.get(r.workflowId);
        if (e) {
          e.total += r.total;
          e.failed += r.failed;
        } else per.set(r.workflowId, { workflowId: r.workflowId, total: r.total, failed: r.failed });
      }
    }
    return [...per.values()];
  }

  /**
   * Runs and failures per workflow and day for days in [from, to) (day-aligned), as typed day series (cached periods).
   * All series are views of one buffer the repository reuses (valid until the next call): a typed array per call or per
   * workflow is native memory that V8 frees late, and a dashboard refreshing every few seconds would grow the process.
   */
  dailySeries(from: number, to: number): Map<number, DaySeries> {
    const days: PeriodRow[][] = [];
    const ids = new Set<number>();
    for (let day = from; day < to; day += DAY) {
      const rows = this.period('rollups_daily', day);
      days.push(rows);
      for (const r of rows) ids.add(r.workflowId);
    }
    const n = days.length;
    const size = 2 * n * ids.size;
    if (this.seriesBuffer.length < size) this.seriesBuffer = new Int32Array(Math.max(size, 2 * this.seriesBuffer.length));
    const buffer = this.seriesBuffer.subarray(0, size);
    buffer.fill(0);
    const out = new Map<number, DaySeries>();
    let k = 0;
    for (const id of ids) {
      out.set(id, { from, totals: buffer.subarray(2 * k * n, (2 * k + 1) * n), failed: buffer.subarray((2 * k + 1) * n, (2 * k + 2) * n) });
      k += 1;
    }
    days.forEach((rows, i) => {
      for (const r of rows) {
        const s = out.get(r.workflowId)!;
        s.totals[i] = r.total;
        s.failed[i] = r.failed;
      }
    });
    return out;
  }

  /** Changes whenever a workflow, its registry entry or an alert rule changes: the SLA's expectations are cached on it. */
  expectationSignature(): string {
    return this.stmt<{ s: string }>(`SELECT (SELECT count(*) || '/' || coalesce(max(updated_at), 0) FROM workflows) || '|' ||
      (SELECT count(*) || '/' || coalesce(max(updated_at), 0) FROM workflow_registry) || '|' ||
      (SELECT count(*) || '/' || coalesce(max(updated_at), 0) FROM alert_rules) AS s`).get()!.s;
  }

  /** Start of a workflow's first run in [from, to) (one index probe), or null (none, or pruned by retention). */
  firstRunAt(workflowId: number, from: number, to: number): number | null {
    const row = this.stmt<{ t: number | null }>(`SELECT min(started_at) AS t FROM runs INDEXED BY runs_by_workflow
      WHERE workflow_id = ? AND started_at >= ? AND started_at < ?`).get(workflowId, from, to);
    return row?.t ?? null;
  }

  /** The week of each workflow's first run (weekly rollups: about 500 rows a year). */
  firstWeeks(): Map<number, number> {
    const rows = this.stmt<{ w: number; week: number }>('SELECT workflow_id AS w, min(week) AS week FROM rollups_weekly GROUP BY workflow_id').all();
    return new Map(rows.map((r) => [r.w, r.week]));
  }

  /**
   * Calls `visit` for every (day, fingerprint, workflow) count in [from, to) (day-aligned). Each day is read once into a
   * compact cached period (fingerprints interned, counts in an Int32Array), so a refresh rereads only changed days.
   */
  forEachErrorDay(from: number, to: number, visit: (day: number, fingerprint: string, workflowId: number, n: number) => void): void {
    for (let day = from; day < to; day += DAY) {
      const data = this.cache.get('error_rollups_daily', day, () => {
        const rows = this.stmt<[string, number, number]>(`SELECT fingerprint, workflow_id, n FROM error_rollups_daily
          WHERE day = ? AND n <> 0`).raw(true).all(day) as unknown as [string, number, number][];
        const out = new Int32Array(3 * rows.length);
        rows.forEach(([fp, w, n], i) => {
          let id = this.fingerprintIds.get(fp);
          if (id === undefined) {
            id = this.fingerprints.length;
            this.fingerprints.push(fp);
            this.fingerprintIds.set(fp, id);
          }
          out[3 * i] = id;
          out[3 * i + 1] = w;
          out[3 * i + 2] = n;
        });
        return out;
      });
      for (let i = 0; i < data.length; i += 3) visit(day, this.fingerprints[data[i]!]!, data[i + 1]!, data[i + 2]!);
    }
  }

  errorGroup(fingerprint: string): ErrorGroupRow | undefined {
    return this.stmt<ErrorGroupRow>(`SELECT fingerprint, template, sample_message AS sampleMessage, first_seen AS firstSeen,
      last_seen AS lastSeen FROM error_groups WHERE fingerprint = ?`).get(fingerprint);
  }

  /** The failing step of the newest run with this fingerprint (one index probe). */
  failingStep(fingerprint: string): string | null {
    const row = this.stmt<{ step: string | null }>(`SELECT failing_step AS step FROM runs INDEXED BY runs_by_fingerprint
      WHERE error_fingerprint = ? ORDER BY started_at DESC LIMIT 1`).get(fingerprint);
    return row?.step ?? null;
  }
}
