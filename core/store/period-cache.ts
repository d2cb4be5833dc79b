import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';

/** One workflow's row of a per-workflow rollup period (an hour, a day or a week). */
export interface PeriodRow {
  workflowId: number;
  total: number;
  success: number;
  warning: number;
  failed: number;
  hist: Uint8Array | null;
}

/**
 * A period's rows packed into typed arrays: a row object and a Buffer per workflow would keep ~200 bytes of heap each,
 * ~20 MB for the periods a dashboard holds. Row i: `ids[i]`, counts `nums[4i..4i+3]` (total, success, warning,
 * failed), histogram bytes `hist[histAt[i]..histAt[i+1])`.
 */
export interface PeriodBlock {
  n: number;
  ids: Int32Array;
  nums: Float64Array;
  histAt: Int32Array;
  hist: Uint8Array;
}

export function packRows(rows: readonly PeriodRow[]): PeriodBlock {
  const n = rows.length;
  const ids = new Int32Array(n);
  const nums = new Float64Array(4 * n);
  const histAt = new Int32Array(n + 1);
  let bytes = 0;
  for (const r of rows) bytes += r.hist?.byteLength ?? 0;
  const hist = new Uint8Array(bytes);
  let at = 0;
  rows.forEach((r, i) => {
    ids[i] = r.workflowId;
    nums[4 * i] = r.total;
    nums[4 * i + 1] = r.success;
    nums[4 * i + 2] = r.warning;
    nums[4 * i + 3] = r.failed;
    histAt[i] = at;
    if (r.hist) {
      hist.set(r.hist, at);
      at += r.hist.byteLength;
    }
  });
  histAt[n] = at;
  return { n, ids, nums, histAt, hist };
}

export type PeriodTable = 'rollups_hourly' | 'rollups_daily' | 'rollups_weekly' | 'error_rollups_daily';

/** Periods kept (each up to one row per workflow): a 90-day Overview reads about 25, its health strip 25 hours, a 90-day SLA 97 days. */
const MAX_PERIODS = 200;

/**
 * The rows of per-workflow rollup periods the monitoring queries read, kept in memory and dropped when they change:
 * the ingest path marks every period it writes (`touched`), and a commit by another connection (another Flowdeck
 * process on the same ledger) shows in `PRAGMA data_version` and clears everything. Past periods rarely change, so a
 * dashboard refresh rereads only the current hour, day and week from SQLite. Shared by reader and writer through the
 * database handle.
 */
export class PeriodCache {
  private readonly version: Statement<[], number>;
  private readonly rows = new Map<string, unknown>();
  private dataVersion: number | null = null;
  hits = 0;
  misses = 0;

  constructor(db: Db) {
    // Prepared once: `db.pragma()` compiles a statement per call, and a dashboard refresh asks dozens of times.
    this.version = db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  /** The ingest path wrote rows of this period (inside its transaction; a rollback only costs a reread). */
  touched(table: PeriodTable, start: number): void {
    this.rows.delete(`${table}:${start}`);
  }

  /** Rows of one period, from memory or from `load` (then kept). */
  get<T>(table: PeriodTable, start: number, load: () => T): T {
    this.checkOtherWriters();
    const key = `${table}:${start}`;
    const hit = this.rows.get(key);
    if (hit) {
      this.hits += 1;
      // Most recently used last: the first key is the eviction candidate.
      this.rows.delete(key);
      this.rows.set(key, hit);
      return hit as T;
    }
    this.misses += 1;
    const loaded = load();
    this.rows.set(key, loaded);
    if (this.rows.size > MAX_PERIODS) this.rows.delete(this.rows.keys().next().value!);
    return loaded;
  }

  clear(): void {
    this.rows.clear();
  }

  private checkOtherWriters(): void {
    const v = this.version.get()!;
    if (this.dataVersion !== null && v !== this.dataVersion) this.rows.clear();
    this.dataVersion = v;
  }
}

const caches = new WeakMap<Db, PeriodCache>();

export function periodCache(db: Db): PeriodCache {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new PeriodCache(db)));
  return c;
}
