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

const DAY_MS = 86_400_000;

/** rollups_global_hourly as stored vs recounted from raw runs (rows that netted out to nothing dropped). */
export function storedGlobalHourly(db: Db): string[] {
  return (db.prepare(`SELECT hour, ${STATUSES.map((s) => `n_${s}`).join(', ')}, duration_n, duration_sum, duration_max
    FROM rollups_global_hourly ORDER BY hour`).all() as Record<string, number>[])
    .filter((r) => Object.entries(r).some(([k, v]) => k !== 'hour' && k !== 'duration_max' && v !== 0))
    .map((r) => Object.values(r).join(','));
}

export function recountGlobalHourly(db: Db): string[] {
  return (db.prepare(`SELECT (started_at / 3600000) * 3600000 AS hour,
    ${STATUSES.map((s) => `sum(status = '${s}') AS n_${s}`).join(', ')},
    count(CASE WHEN status IN ${TERMINAL} THEN duration_ms END) AS duration_n,
    coalesce(sum(CASE WHEN status IN ${TERMINAL} THEN duration_ms END), 0) AS duration_sum,
    coalesce(max(CASE WHEN status IN ${TERMINAL} THEN duration_ms END), 0) AS duration_max
    FROM runs GROUP BY 1 ORDER BY 1`).all() as Record<string, number>[]).map((r) => Object.values(r).join(','));
}

/** rollups_daily or rollups_weekly (counts, durations and histogram) as stored vs recounted. */
export function storedDaily(db: Db, table: 'rollups_daily' | 'rollups_weekly' = 'rollups_daily'): string[] {
  const column = table === 'rollups_daily' ? 'day' : 'week';
  return (db.prepare(`SELECT ${column} AS day, workflow_id, n_total, n_success, n_warning, n_failed, n_missed, duration_n, duration_sum,
    duration_max, hist FROM ${table} ORDER BY 1, 2`).all() as Record<string, number & Buffer>[])
    .filter((r) => r.n_total !== 0 || r.duration_n !== 0)
    .map(({ hist, ...r }) => `${Object.values(r).join(',')}|${JSON.stringify(sortedHist(decodeHistogram(hist as Buffer | null)))}`);
}

export function recountDaily(db: Db, unit: number = DAY_MS): string[] {
  const runs = db.prepare(`SELECT (started_at / ${unit}) * ${unit} AS day, workflow_id AS w, status,
    CASE WHEN status IN ${TERMINAL} THEN duration_ms END AS d FROM runs ORDER BY day, w`).all() as
    { day: number; w: number; status: string; d: number | null }[];
  const map = new Map<string, { v: number[]; h: Histogram }>();
  for (const r of runs) {
    const key = `${r.day},${r.w}`;
    let e = map.get(key);
    if (!e) map.set(key, (e = { v: [r.day, r.w, 0, 0, 0, 0, 0, 0, 0, 0], h: new Map() }));
    e.v[2]! += 1;
    const col = ['success', 'warning', 'failed', 'missed'].indexOf(r.status);
    if (col >= 0) e.v[3 + col]! += 1;
    if (r.d != null) {
      e.v[7]! += 1;
      e.v[8]! += r.d;
      e.v[9] = Math.max(e.v[9]!, r.d);
      addToHistogram(e.h, r.d);
    }
  }
  return [...map.values()].map((e) => `${e.v.join(',')}|${JSON.stringify(sortedHist(e.h))}`);
}

/** error_rollups_daily as stored vs recounted. */
export function storedErrorDays(db: Db): string[] {
  return (db.prepare('SELECT day, fingerprint, workflow_id, n FROM error_rollups_daily WHERE n <> 0 ORDER BY 1, 2, 3').all() as
    Record<string, unknown>[]).map((r) => Object.values(r).join(','));
}

export function recountErrorDays(db: Db): string[] {
  return (db.prepare(`SELECT (started_at / ${DAY_MS}) * ${DAY_MS} AS day, error_fingerprint, workflow_id, count(*) AS n
    FROM runs WHERE error_fingerprint IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`).all() as Record<string, unknown>[])
    .map((r) => Object.values(r).join(','));
}
