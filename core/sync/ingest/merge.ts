import { isTerminal, statusRank, type RunRow } from './normalize.ts';

/** What a record says about a run; a null start time means the vendor did not say. */
export type IncomingRun = Omit<RunRow, 'startedAt'> & { startedAt: number | null };

const FIELDS: (keyof RunRow)[] = [
  'status', 'rawStatus', 'startedAt', 'finishedAt', 'durationMs', 'errorMessage', 'errorFingerprint',
  'failingStep', 'mode', 'deepLink', 'retryOf', 'retrySuccessId', 'itemCount',
];

/**
 * How a new record for a known run changes the stored row. Returns null when nothing changes.
 * - A lower-ranked status (a late "running" after "failed") is ignored entirely.
 * - A higher rank replaces the row, keeping stored values where the record has none.
 * - At equal rank, a finished run is settled: the record may only fill what is still empty.
 *   An unfinished run takes the newer values.
 * So a terminal run's status, start time and duration never change once known, which keeps
 * rollups (and their max duration) exact.
 */
export function mergeRun(stored: RunRow, incoming: IncomingRun): RunRow | null {
  const oldRank = statusRank(stored.status);
  const newRank = statusRank(incoming.status);
  if (newRank < oldRank) return null;
  const settled = newRank === oldRank && isTerminal(stored.status);
  const merged = { ...stored };
  for (const f of FIELDS) {
    const mine = stored[f];
    const theirs = incoming[f];
    (merged as Record<string, unknown>)[f] = settled ? (mine ?? theirs) : (theirs ?? mine);
  }
  return FIELDS.every((f) => merged[f] === stored[f]) ? null : merged;
}
