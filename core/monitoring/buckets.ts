export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Bar widths the Overview may use, smallest first; all whole hours so they sum hourly rollup rows. */
const BUCKETS = [1, 2, 3, 6, 12, 24, 48, 168, 336, 720].map((h) => h * HOUR);
export const MAX_BARS = 300;

export function alignHours(from: number, to: number): { from: number; to: number } {
  return { from: Math.floor(from / HOUR) * HOUR, to: Math.ceil(to / HOUR) * HOUR };
}

export function alignDays(from: number, to: number): { from: number; to: number } {
  return { from: Math.floor(from / DAY) * DAY, to: Math.ceil(to / DAY) * DAY };
}

/** The smallest bar width that keeps the range within MAX_BARS bars. */
export function bucketSize(from: number, to: number): number {
  for (const b of BUCKETS) if (Math.ceil(to / b) - Math.floor(from / b) <= MAX_BARS) return b;
  return Math.ceil((to - from) / MAX_BARS / DAY) * DAY;
}

/** Start of every bucket that overlaps [from, to), aligned to multiples of `size`. */
export function bucketStarts(from: number, to: number, size: number): number[] {
  const out: number[] = [];
  for (let t = Math.floor(from / size) * size; t < to; t += size) out.push(t);
  return out;
}
