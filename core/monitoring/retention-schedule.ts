import type { Logger } from '../platform/logger.ts';
import type { RetentionRepo } from '../store/retention-repo.ts';
import { DAY } from './buckets.ts';
import { pruneRuns, yieldToLoop, type PruneResult } from './retention.ts';

export const RETENTION_FIRST_DELAY_MS = 60_000;
export const RETENTION_INTERVAL_MS = DAY;
export const RETENTION_BATCH = 2_000;

export interface RetentionSchedule {
  /** One pass now (the timer's own work); concurrent calls share it. */
  runNow(): Promise<PruneResult>;
  stop(): void;
}

/**
 * Prunes raw runs past the configured age about a minute after start, then once a day, from the core's own timers.
 * Each pass deletes in short batches and yields between them, so queries and ingest keep flowing (issue 8 item 7).
 */
export function startRetentionSchedule(o: {
  repo: RetentionRepo; now: () => number; logger: Logger;
  /** Told how many runs went (the core emits ledger/changed). */
  pruned: (result: PruneResult) => void;
  firstDelayMs?: number; intervalMs?: number; batchSize?: number; pause?: () => Promise<void>;
}): RetentionSchedule {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let running: Promise<PruneResult> | null = null;
  const pause = o.pause ?? yieldToLoop;
  const runNow = () => {
    running ??= pruneRuns(o.repo, o.now(), o.batchSize ?? RETENTION_BATCH, async () => {
      await pause();
      // The core closed between batches: stop before touching a closed database.
      if (stopped) throw new Error('retention: stopped');
    }).then((r) => {
      if (r.deleted > 0) {
        o.logger.info('pruned old runs', { deleted: r.deleted, batches: r.batches, cutoff: r.cutoff });
        o.pruned(r);
      }
      return r;
    }).finally(() => { running = null; });
    return running;
  };
  const arm = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      runNow().catch((error: unknown) => {
        if (!stopped) o.logger.warn('scheduled pruning failed', { error: error instanceof Error ? error.message : String(error) });
      }).finally(() => arm(o.intervalMs ?? RETENTION_INTERVAL_MS));
    }, delay);
    timer.unref?.();
  };
  arm(o.firstDelayMs ?? RETENTION_FIRST_DELAY_MS);
  return {
    runNow,
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
