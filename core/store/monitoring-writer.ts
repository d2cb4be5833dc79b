import type { Db } from './db.ts';
import { mergeSortedPairs } from './dense-histogram.ts';
import { periodCache, type PeriodCache } from './period-cache.ts';

/** One run's worth of change to the monitoring rollups (see migration 0004_monitoring.sql), summed per page. */
export interface GlobalHourDelta {
  hour: number;
  counts: number[];
  durationN: number;
  durationSum: number;
  durationMax: number;
}

export interface DailyDelta {
  day: number;
  workflowId: number;
  total: number;
  success: number;
  warning: number;
  failed: number;
  missed: number;
  durationN: number;
  durationSum: number;
  durationMax: number;
  hist: Buffer | null;
}

export interface ErrorDayDelta {
  day: number;
  fingerprint: string;
  workflowId: number;
  n: number;
}

/** Status columns of rollups_global_hourly, in the order `GlobalHourDelta.counts` uses. */
export const GLOBAL_STATUSES = ['queued', 'running', 'waiting', 'success', 'warning', 'failed', 'canceled', 'skipped', 'missed', 'unknown'] as const;

/** Upsert of one per-workflow period row (daily or weekly); `@day` carries the period start. */
function period(table: string, column: string): string {
  return `INSERT INTO ${table} (${column}, workflow_id, n_total, n_success, n_warning, n_failed, n_missed, duration_n,
      duration_sum, duration_max, hist)
    VALUES (@day, @workflowId, @total, @success, @warning, @failed, @missed, @durationN, @durationSum, @durationMax, @hist)
    ON CONFLICT (${column}, workflow_id) DO UPDATE SET n_total = n_total + excluded.n_total,
      n_success = n_success + excluded.n_success, n_warning = n_warning + excluded.n_warning,
      n_failed = n_failed + excluded.n_failed, n_missed = n_missed + excluded.n_missed,
      duration_n = duration_n + excluded.duration_n, duration_sum = duration_sum + excluded.duration_sum,
      duration_max = max(duration_max, excluded.duration_max), hist = hist_merge_sorted(hist, excluded.hist)`;
}

/**
 * Writes the monitoring rollups inside the ingest transaction. A ledger opened with an explicit, shorter
 * migration list (some store tests do) has no such tables; the writer then does nothing.
 */
export class MonitoringWriter {
  private readonly s;
  private readonly cache: PeriodCache;

  constructor(db: Db) {
    this.cache = periodCache(db);
    const present = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'rollups_daily'`).get();
    if (!present) {
      this.s = null;
      return;
    }
    db.function('hist_merge_sorted', { deterministic: true }, (a: unknown, b: unknown) => mergeSortedPairs(a as Buffer | null, b as Buffer | null));
    const cols = GLOBAL_STATUSES.map((s) => `n_${s}`);
    this.s = {
      global: db.prepare(
        `INSERT INTO rollups_global_hourly (hour, ${cols.join(', ')}, duration_n, duration_sum, duration_max)
         VALUES (${Array(cols.length + 4).fill('?').join(', ')})
         ON CONFLICT (hour) DO UPDATE SET ${cols.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')},
           duration_n = duration_n + excluded.duration_n, duration_sum = duration_sum + excluded.duration_sum,
           duration_max = max(duration_max, excluded.duration_max)`),
      daily: db.prepare(period('rollups_daily', 'day')),
      weekly: db.prepare(period('rollups_weekly', 'week')),
      errorDay: db.prepare(
        `INSERT INTO error_rollups_daily (day, fingerprint, workflow_id, n) VALUES (@day, @fingerprint, @workflowId, @n)
         ON CONFLICT (day, fingerprint, workflow_id) DO UPDATE SET n = n + excluded.n`),
    };
  }

  applyGlobal(d: GlobalHourDelta): void {
    this.s?.global.run(d.hour, ...d.counts, d.durationN, d.durationSum, d.durationMax);
  }

  applyDaily(d: DailyDelta): void {
    this.s?.daily.run(d);
    this.cache.touched('rollups_daily', d.day);
  }

  /** `d.day` is the week's start. */
  applyWeekly(d: DailyDelta): void {
    this.s?.weekly.run(d);
    this.cache.touched('rollups_weekly', d.day);
  }

  applyErrorDay(d: ErrorDayDelta): void {
    if (d.n === 0) return;
    this.s?.errorDay.run(d);
    this.cache.touched('error_rollups_daily', d.day);
  }
}
