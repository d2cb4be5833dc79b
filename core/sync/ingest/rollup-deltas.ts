import type { RunStatus } from '../../contract/runs.ts';
import { isTerminal, type RunRow } from './normalize.ts';
import { addToHistogram, encodeHistogram, type Histogram } from '../../store/histogram.ts';
import { GLOBAL_STATUSES, type DailyDelta, type GlobalHourDelta, type MonitoringWriter } from '../../store/monitoring-writer.ts';

export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const WEEK = 7 * DAY;

const floorTo = (t: number, unit: number) => Math.floor(t / unit) * unit;

const COUNTED: Partial<Record<RunStatus, 'success' | 'warning' | 'failed' | 'missed'>> = {
  success: 'success', warning: 'warning', failed: 'failed', missed: 'missed',
};

interface Daily extends Omit<DailyDelta, 'hist'> {
  hist: Histogram;
}

/**
 * The page's changes to the monitoring rollups (global hourly, per-workflow daily, errors per day), collected by
 * ingest alongside its per-workflow hourly buckets so each row is written once per page.
 */
export class MonitoringDeltas {
  private readonly global = new Map<number, GlobalHourDelta>();
  private readonly daily = new Map<string, Daily>();
  private readonly weekly = new Map<string, Daily>();
  private readonly errors = new Map<string, { day: number; fingerprint: string; workflowId: number; n: number }>();

  /** Mirrors PageDeltas.contribute: a run enters (+1) or leaves (-1) its buckets. */
  contribute(workflowId: number, row: RunRow, sign: 1 | -1): void {
    const hour = floorTo(row.startedAt, HOUR);
    let g = this.global.get(hour);
    if (!g) this.global.set(hour, (g = { hour, counts: GLOBAL_STATUSES.map(() => 0), durationN: 0, durationSum: 0, durationMax: 0 }));
    g.counts[GLOBAL_STATUSES.indexOf(row.status)]! += sign;

    const d = this.period(this.daily, DAY, workflowId, row, sign);
    const w = this.period(this.weekly, WEEK, workflowId, row, sign);
    if (isTerminal(row.status) && row.durationMs != null) {
      // As in PageDeltas: a settled duration is never withdrawn (the caller has already checked).
      g.durationN += 1;
      g.durationSum += row.durationMs;
      g.durationMax = Math.max(g.durationMax, row.durationMs);
      for (const p of [d, w]) {
        p.durationN += 1;
        p.durationSum += row.durationMs;
        p.durationMax = Math.max(p.durationMax, row.durationMs);
        addToHistogram(p.hist, row.durationMs);
      }
    }
  }

  private period(map: Map<string, Daily>, unit: number, workflowId: number, row: RunRow, sign: 1 | -1): Daily {
    const day = floorTo(row.startedAt, unit);
    const key = `${workflowId}:${day}`;
    let d = map.get(key);
    if (!d) {
      map.set(key, (d = { day, workflowId, total: 0, success: 0, warning: 0, failed: 0, missed: 0,
        durationN: 0, durationSum: 0, durationMax: 0, hist: new Map() }));
    }
    d.total += sign;
    const column = COUNTED[row.status];
    if (column) d[column] += sign;
    return d;
  }

  /** Moves a run's error-day contribution from what was stored to what it is now (either may be absent). */
  errorMoved(workflowId: number, before: RunRow | null, after: RunRow): void {
    const same = before && before.errorFingerprint === after.errorFingerprint
      && floorTo(before.startedAt, DAY) === floorTo(after.startedAt, DAY);
    if (same) return;
    if (before?.errorFingerprint) this.error(workflowId, before.errorFingerprint, before.startedAt, -1);
    if (after.errorFingerprint) this.error(workflowId, after.errorFingerprint, after.startedAt, 1);
  }

  private error(workflowId: number, fingerprint: string, startedAt: number, sign: 1 | -1): void {
    const day = floorTo(startedAt, DAY);
    const key = `${day}:${workflowId}:${fingerprint}`;
    const e = this.errors.get(key);
    if (e) e.n += sign;
    else this.errors.set(key, { day, fingerprint, workflowId, n: sign });
  }

  flush(writer: MonitoringWriter): void {
    for (const g of this.global.values()) writer.applyGlobal(g);
    for (const d of this.daily.values()) writer.applyDaily({ ...d, hist: d.hist.size ? encodeHistogram(d.hist) : null });
    for (const w of this.weekly.values()) writer.applyWeekly({ ...w, hist: w.hist.size ? encodeHistogram(w.hist) : null });
    for (const e of this.errors.values()) writer.applyErrorDay(e);
  }
}
