import type { Correlation } from '../contract/registry.ts';

/**
 * Change ↔ failure correlation: a failure spike that starts within a window after a version. Pure: the caller
 * passes the versions and the workflow's terminal runs around them.
 */
export interface CorrelationOptions {
  /** How long after a version a spike still counts as "after it". */
  windowMs: number;
  /** The baseline period before the version. */
  baselineMs: number;
  /** At least this many failures in the window. */
  minFailures: number;
}

export const DEFAULT_CORRELATION: CorrelationOptions = { windowMs: 6 * 3_600_000, baselineMs: 24 * 3_600_000, minFailures: 3 };

export interface VersionMark { id: number; number: number; createdAt: number }
export interface RunMark { at: number; failed: boolean }

const rate = (runs: RunMark[]) => (runs.length ? runs.filter((r) => r.failed).length / runs.length : 0);

/** Versions after which failures rose: failure rate in the window at least double the baseline and 20 points above it. */
export function correlate(versions: readonly VersionMark[], runs: readonly RunMark[], o: CorrelationOptions = DEFAULT_CORRELATION): Correlation[] {
  const out: Correlation[] = [];
  versions.forEach((v, i) => {
    if (v.number === 1) return; // the first version is when Flowdeck started watching, not a change
    const next = versions[i + 1]?.createdAt ?? Infinity;
    const end = Math.min(v.createdAt + o.windowMs, next);
    const before = runs.filter((r) => r.at >= v.createdAt - o.baselineMs && r.at < v.createdAt);
    const after = runs.filter((r) => r.at >= v.createdAt && r.at < end);
    const failures = after.filter((r) => r.failed);
    if (failures.length < o.minFailures) return;
    const rb = rate(before);
    const ra = rate(after);
    if (ra < rb * 2 || ra - rb < 0.2) return;
    const minutes = Math.max(0, Math.round((failures[0]!.at - v.createdAt) / 60_000));
    out.push({
      versionId: v.id, versionNumber: v.number, versionAt: v.createdAt, minutes, failuresAfter: failures.length, rateBefore: rb, rateAfter: ra,
      message: `Failures began ${minutes} minute${minutes === 1 ? '' : 's'} after version ${v.number} (${Math.round(ra * 100)} % failed after it, ${Math.round(rb * 100)} % before).`,
    });
  });
  return out;
}
