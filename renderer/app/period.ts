import type { RangeId, RangeState } from '../lib/range.ts';
import { fromDateTimeLocal, toDateTimeLocal } from '../lib/format.ts';
import type { PERIOD_RANGES, Period } from './routes.ts';

export type PeriodRoute = Period<(typeof PERIOD_RANGES)[number]>;

/**
 * The range picker's state an address names (`?range=30d`, or a custom `?from=…&to=…` in epoch ms, `to` exclusive);
 * nothing named: the page's default. A custom window becomes the minute-precision range that covers it.
 */
export function rangeFromPeriod(p: PeriodRoute, fallback: RangeId): RangeState {
  if (p.from !== null || p.to !== null) {
    return { range: 'custom', customFrom: p.from !== null ? toDateTimeLocal(p.from) : '', customTo: p.to !== null ? toDateTimeLocal(p.to - 1) : '' };
  }
  return { range: p.range ?? fallback, customFrom: '', customTo: '' };
}

/** The address for a range picker's state: the inverse of rangeFromPeriod (the default range is left out). */
export function periodFromRange(r: RangeState, fallback: RangeId): PeriodRoute {
  if (r.range === 'custom') {
    const from = fromDateTimeLocal(r.customFrom);
    const to = fromDateTimeLocal(r.customTo);
    return { range: null, from, to: to === null ? null : to + 60_000 };
  }
  return { range: r.range === fallback ? null : r.range, from: null, to: null };
}

export function sameRange(a: RangeState, b: RangeState): boolean {
  return a.range === b.range && (a.range !== 'custom' || (a.customFrom === b.customFrom && a.customTo === b.customTo));
}
