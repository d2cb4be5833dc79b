import type { Cycle } from './cycle.ts';

const HOUR = 3_600_000;
/** How far back the rate is read: a week, so a weekday/weekend rhythm averages out and a new loop still shows. */
export const RATE_WINDOW_MS = 7 * 24 * HOUR;

export interface ForecastInput {
  cycle: Cycle;
  now: number;
  /** Use so far in this cycle. */
  used: number;
  /** Use over the rate window [rateFrom, now). */
  recent: number;
  /** Where the rate window begins: a week back, or the first run Flowdeck holds when that is later. */
  rateFrom: number;
}

/**
 * Use at the cycle's end: what is used so far, plus the recent rate (per hour over the last week) times the hours left.
 * Null when less than an hour of history gives no rate worth extending.
 */
export function forecastAtCycleEnd(f: ForecastInput): number | null {
  const span = f.now - f.rateFrom;
  if (span < HOUR) return null;
  const left = Math.max(0, f.cycle.end - f.now);
  return f.used + (f.recent / span) * left;
}

/** The window the rate is read over, given the first run Flowdeck holds for the connector. */
export function rateWindowStart(now: number, firstRunAt: number | null): number {
  return Math.max(now - RATE_WINDOW_MS, firstRunAt ?? now);
}
