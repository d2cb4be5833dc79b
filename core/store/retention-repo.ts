import type { Db } from './db.ts';

export const RETENTION_KEY = 'retention.keepDays';
export const DEFAULT_KEEP_DAYS = 365;

/** Raw-run retention: how long runs are kept, and deleting the oldest in small batches. Rollups are never pruned. */
export class RetentionRepo {
  private readonly db: Db;
  private readonly batch;
  private readonly getKeep;
  private readonly setKeep;

  constructor(db: Db) {
    this.db = db;
    this.batch = db.prepare<[number, number]>(`DELETE FROM runs WHERE id IN (
      SELECT id FROM runs INDEXED BY runs_by_time WHERE started_at < ? LIMIT ?)`);
    this.getKeep = db.prepare<[string], { v: string }>('SELECT value_json AS v FROM settings WHERE key = ?');
    this.setKeep = db.prepare<[string, string, number]>(`INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`);
  }

  keepDays(): number {
    const row = this.getKeep.get(RETENTION_KEY);
    const v = row ? Number(JSON.parse(row.v)) : NaN;
    return Number.isInteger(v) && v > 0 ? v : DEFAULT_KEEP_DAYS;
  }

  setKeepDays(days: number, now: number): void {
    this.setKeep.run(RETENTION_KEY, JSON.stringify(days), now);
  }

  /** Deletes up to `size` runs that started before `cutoff`, in one short transaction; returns how many. */
  pruneBatch(cutoff: number, size: number): number {
    return this.db.transaction(() => this.batch.run(cutoff, size).changes).immediate();
  }
}
