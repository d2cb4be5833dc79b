const DAY = 86_400_000;

/** One workflow's runs and failures per UTC day from `from` (day-aligned): typed arrays, so a 90-day SLA allocates little. */
export interface DaySeries {
  from: number;
  totals: Int32Array;
  failed: Int32Array;
}

export interface DayCount {
  day: number;
  total: number;
  failed: number;
}

export function emptySeries(from: number, to: number): DaySeries {
  const n = Math.max(0, Math.round((to - from) / DAY));
  return { from, totals: new Int32Array(n), failed: new Int32Array(n) };
}

/** Runs on the day starting at `day` (0 outside the series). */
export function runsOn(s: DaySeries, day: number): number {
  return s.totals[Math.round((day - s.from) / DAY)] ?? 0;
}

/** A series from per-day counts (tests build one from a recount over raw runs). */
export function seriesOf(days: readonly DayCount[], from: number, to: number): DaySeries {
  const s = emptySeries(from, to);
  for (const d of days) {
    const i = Math.round((d.day - from) / DAY);
    if (i < 0 || i >= s.totals.length) continue;
    s.totals[i]! += d.total;
    s.failed[i]! += d.failed;
  }
  return s;
}
