import type { Db } from '../../core/store/db.ts';
import { addToHistogram, decodeHistogram, type Histogram } from '../../core/store/histogram.ts';

const STATUSES = ['queued', 'running', 'waiting', 'success', 'warning', 'failed', 'canceled', 'skipped', 'missed', 'unknown'];
const TERMINAL = `('success','warning','failed','canceled','skipped','missed')`;

export interface RollupView {
  key: string;
  counts: number[];
  durationN: number;
  durationSum: number;
  durationMax: number;
  hist: [number, number][];
}

const sortedHist = (h: Histogram): [number, number][] => [...h.entries()].filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0]);

/** The rollups as stored, without buckets that netted out to nothing. */
export function storedRollups(db: Db): RollupView[] {
  const rows = db.prepare('SELECT * FROM rollups_hourly ORDER BY workflow_id, hour').all() as Record<string, number & Buffer>[];
  return rows.map((r) => ({
    key: `${r.workflow_id}:${r.hour}`,
    counts: STATUSES.map((s) => r[`n_${s}`] as number),
    durationN: r.duration_n as number,
    durationSum: r.duration_sum as number,
    durationMax: r.duration_max as number,
    hist: sortedHist(decodeHistogram(r.hist as Buffer | null)),
  })).filter((v) => v.counts.some((c) => c !== 0) || v.durationN !== 0);
}

/** The same rollups recounted from raw runs. */
export function recount(db: Db): RollupView[] {
  const runs = db.prepare(`SELECT workflow_id AS w, (started_at / 3600000) * 3600000 AS hour, status,
    CASE WHEN status IN ${TERMINAL} THEN duration_ms END AS d FROM runs ORDER BY w, hour`).all() as
    { w: number; hour: number; status: string; d: number | null }[];
  const map = new Map<string, RollupView & { h: Histogram }>();
  for (const r of runs) {
    const key = `${r.w}:${r.hour}`;
    let v = map.get(key);
    if (!v) map.set(key, (v = { key, counts: STATUSES.map(() => 0), durationN: 0, durationSum: 0, durationMax: 0, hist: [], h: new Map() }));
    v.counts[STATUSES.indexOf(r.status)]! += 1;
    if (r.d != null) {
      v.durationN += 1;
      v.durationSum += r.d;
      v.durationMax = Math.max(v.durationMax, r.d);
      addToHistogram(v.h, r.d);
    }
  }
  return [...map.values()].map(({ h, ...v }) => ({ ...v, hist: sortedHist(h) }));
}
