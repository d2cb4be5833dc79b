import type { RetentionRepo } from '../store/retention-repo.ts';
import { DAY } from './buckets.ts';

export interface PruneResult {
  deleted: number;
  cutoff: number;
  batches: number;
}

/** Yields to the event loop between batches so queries and ingest interleave with a long prune. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Deletes raw runs older than the configured age, `batchSize` per transaction, yielding between batches.
 * Rollups and error groups are kept forever, so dashboards over old ranges still answer.
 */
export async function pruneRuns(repo: RetentionRepo, now: number, batchSize: number,
  pause: () => Promise<void> = yieldToLoop): Promise<PruneResult> {
  const cutoff = now - repo.keepDays() * DAY;
  let deleted = 0;
  let batches = 0;
  for (;;) {
    const n = repo.pruneBatch(cutoff, batchSize);
    deleted += n;
    if (n > 0) batches += 1;
    if (n < batchSize) break;
    await pause();
  }
  return { deleted, cutoff, batches };
}
