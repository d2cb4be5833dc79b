import type { Db } from './db.ts';
import { StatementCache } from './statements.ts';
import { addEncodedRange, denseCount, denseHistogram, denseQuantile, resetDense, type DenseHistogram } from './dense-histogram.ts';
import type { DaySeries } from './day-series.ts';
import { packRows, periodCache, type PeriodBlock, type PeriodCache, type PeriodRow, type PeriodTable } from './period-cache.ts';

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
  private readonly statements: StatementCache;
  private readonly cache: PeriodCache;
  /** Reused per query: one histogram and four sums per workflow slot. */
  private readonly pool: DenseHistogram[] = [];
  private sums = new Float64Array(0);
  private seriesBuffer = new Int32Array(0);
  /** Error fingerprints seen by forEachErrorDay, interned (bounded by the error groups the ledger holds). */
  private readonly fingerprints: string[] = [];
  private readonly fingerprintIds = new Map<string, number>();

  constructor(db: Db) {
    this.db = db;
    this.statements = new StatementCache(db);
    this.cache = periodCache(db);
  }

  workflows(): WorkflowInfo[] {
    return this.statements.get<WorkflowInfo>(`SELECT w.id, w.name, w.connector_id AS connectorId, c.name AS connectorName, w.archived
      FROM workflows w JOIN connectors c ON c.id = w.connector_id`).all();
  }

  connectorsNeedingAttention(): number {
    return this.statements.get<{ n: number }>(`SELECT count(*) AS n FROM connectors WHERE health IN ('needs_attention', 'degraded')`).get()!.n;
  }

  connectorCount(): number {
    return this.statements.get<{ n: number }>('SELECT count(*) AS n FROM connectors').get()!.n;
  }

  /** All workflows together, hour by hour, for hours in [from, to) (hour-aligned). */
  globalHours(from: number, to: number): GlobalHourRow[] {
    return this.statements.get<GlobalHourRow>(`SELECT hour, n_success AS success, n_warning AS warning, n_failed AS failed,
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
    // Each workflow gets a slot: counts in one reused Float64Array, its histogram from a reused pool, so a refresh
    // allocates neither per row nor per workflow (typed arrays' backing stores are native memory GC frees late).
    const slots = new Map<number, number>();
    const add = (block: PeriodBlock) => {
      for (let i = 0; i < block.n; i++) {
        const id = block.ids[i]!;
        let slot = slots.get(id);
        if (slot === undefined) {
          slot = slots.size;
          slots.set(id, slot);
          if (this.pool.length <= slot) this.pool.push(denseHistogram());
          resetDense(this.pool[slot]!);
          if (this.sums.length < 4 * (slot + 1)) {
            const grown = new Float64Array(Math.max(64, 2 * this.sums.length));
            grown.set(this.sums);
            this.sums = grown;
          }
          this.sums.fill(0, 4 * slot, 4 * slot + 4);
        }
        for (let k = 0; k < 4; k++) this.sums[4 * slot + k]! += block.nums[4 * i + k]!;
        addEncodedRange(this.pool[slot]!, block.hist, block.histAt[i]!, block.histAt[i + 1]!);
      }
    };
    const collect = (range: { from: number; to: number }) => {
      const out = new Map<number, WorkflowRange>();
      for (const [id, slot] of slots) {
        const h = this.pool[slot]!;
        const t = this.sums.subarray(4 * slot, 4 * slot + 4);
        out.set(id, { total: t[0]!, success: t[1]!, warning: t[2]!, failed: t[3]!, timed: denseCount(h),
          p50Ms: denseQuantile(h, 0.5), p95Ms: denseQuantile(h, 0.95) });
      }
      return { ...range, per: out };
    };
    const periods = (table: PeriodTable, step: number, x: number, y: number) => {
      for (let p = x; p < y; p += step) add(this.period(table, p));
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
  private period(table: PeriodTable, start: number): PeriodBlock {
    return this.cache.get(table, start, () => {
      const sql = table === 'rollups_hourly'
        ? `SELECT workflow_id AS workflowId,
            n_queued + n_running + n_waiting + n_success + n_warning + n_failed + n_canceled + n_skipped + n_missed + n_unknown AS total,
            n_success AS success, n_warning AS warning, n_failed AS failed, hist FROM rollups_hourly WHERE hour = ?`
        : `SELECT workflow_id AS workflowId, n_total AS total, n_success AS success, n_warning AS warning, n_failed AS failed, hist
            FROM ${table} WHERE ${table === 'rollups_daily' ? 'day' : 'week'} = ?`;
      return packRows(this.statements.get<PeriodRow>(sql).all(start));
    });
  }

  /** Runs and failures per workflow for hours in [from, to) (hour-aligned): the health strip. */
  failureCounts(from: number, to: number): { workflowId: number; total: number; failed: number }[] {
    const per = new Map<number, { workflowId: number; total: number; failed: number }>();
    for (let h = from; h < to; h += HOUR) {
      const b = this.period('rollups_hourly', h);
      for (let i = 0; i < b.n; i++) {
        const id = b.ids[i]!;
        const e = per.get(id);
        if (e) {
          e.total += b.nums[4 * i]!;
          e.failed += b.nums[4 * i + 3]!;
        } else per.set(id, { workflowId: id, total: b.nums[4 * i]!, failed: b.nums[4 * i + 3]! });
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
    const days: PeriodBlock[] = [];
    const ids = new Set<number>();
    for (let day = from; day < to; day += DAY) {
      const block = this.period('rollups_daily', day);
      days.push(block);
      for (let i = 0; i < block.n; i++) ids.add(block.ids[i]!);
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
    days.forEach((block, d) => {
      for (let i = 0; i < block.n; i++) {
        const s = out.get(block.ids[i]!)!;
        s.totals[d] = block.nums[4 * i]!;
        s.failed[d] = block.nums[4 * i + 3]!;
      }
    });
    return out;
  }

  /** Changes whenever a workflow, its registry entry or an alert rule changes: the SLA's expectations are cached on it. */
  expectationSignature(): string {
    return this.statements.get<{ s: string }>(`SELECT (SELECT count(*) || '/' || coalesce(max(updated_at), 0) FROM workflows) || '|' ||
      (SELECT count(*) || '/' || coalesce(max(updated_at), 0) FROM workflow_registry) || '|' ||
      (SELECT count(*) || '/' || coalesce(max(updated_at), 0) FROM alert_rules) AS s`).get()!.s;
  }

  /** Start of a workflow's first run in [from, to) (one index probe), or null (none, or pruned by retention). */
  firstRunAt(workflowId: number, from: number, to: number): number | null {
    const row = this.statements.get<{ t: number | null }>(`SELECT min(started_at) AS t FROM runs INDEXED BY runs_by_workflow
      WHERE workflow_id = ? AND started_at >= ? AND started_at < ?`).get(workflowId, from, to);
    return row?.t ?? null;
  }

  /** The week of each workflow's first run (weekly rollups: about 500 rows a year). */
  firstWeeks(): Map<number, number> {
    const rows = this.statements.get<{ w: number; week: number }>('SELECT workflow_id AS w, min(week) AS week FROM rollups_weekly GROUP BY workflow_id').all();
    return new Map(rows.map((r) => [r.w, r.week]));
  }

  /**
   * Calls `visit` for every (day, fingerprint, workflow) count in [from, to) (day-aligned). Each day is read once into a
   * compact cached period (fingerprints interned, counts in an Int32Array), so a refresh rereads only changed days.
   */
  forEachErrorDay(from: number, to: number, visit: (day: number, fingerprint: string, workflowId: number, n: number) => void): void {
    for (let day = from; day < to; day += DAY) {
      const data = this.cache.get('error_rollups_daily', day, () => {
        const rows = this.statements.get<[string, number, number]>(`SELECT fingerprint, workflow_id, n FROM error_rollups_daily
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
    return this.statements.get<ErrorGroupRow>(`SELECT fingerprint, template, sample_message AS sampleMessage, first_seen AS firstSeen,
      last_seen AS lastSeen FROM error_groups WHERE fingerprint = ?`).get(fingerprint);
  }

  /** The failing step of the newest run with this fingerprint (one index probe). */
  failingStep(fingerprint: string): string | null {
    const row = this.statements.get<{ step: string | null }>(`SELECT failing_step AS step FROM runs INDEXED BY runs_by_fingerprint
      WHERE error_fingerprint = ? ORDER BY started_at DESC LIMIT 1`).get(fingerprint);
    return row?.step ?? null;
  }
}
