import type { Db } from './db.ts';
import { runPruner } from './ledger-writer.ts';
import { SettingsRepo } from './settings-repo.ts';

export const RETENTION_KEY = 'retention.keepDays';
export const DEFAULT_KEEP_DAYS = 365;

/** Raw-run retention: how long runs are kept, and deleting the oldest in small batches. Rollups are never pruned. */
export class RetentionRepo {
  private readonly settings: SettingsRepo;
  private readonly prune: (cutoff: number, size: number) => number;

  constructor(db: Db) {
    this.settings = new SettingsRepo(db);
    this.prune = runPruner(db);
  }

  keepDays(): number {
    const v = Number(this.settings.get<unknown>(RETENTION_KEY));
    return Number.isInteger(v) && v > 0 ? v : DEFAULT_KEEP_DAYS;
  }

  setKeepDays(days: number, now: number): void {
    this.settings.set(RETENTION_KEY, days, now);
  }

  /** Deletes up to `size` runs that started before `cutoff`, in one short transaction; returns how many. */
  pruneBatch(cutoff: number, size: number): number {
    return this.prune(cutoff, size);
  }
}
