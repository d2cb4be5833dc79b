export interface Backoff {
  baseMs: number;
  maxMs: number;
}

/** An attached desktop retries after 1 s, then doubling up to 30 s. */
export const ATTACH_BACKOFF: Backoff = { baseMs: 1_000, maxMs: 30_000 };

/** Capped exponential backoff with ±20 % jitter, so a team's desktops do not all come back in the same second. */
export function retryDelay(attempt: number, backoff: Backoff, random: () => number = Math.random): number {
  const exponential = backoff.baseMs * 2 ** Math.min(attempt, 30);
  return Math.min(backoff.maxMs, Math.round(exponential * (0.8 + 0.4 * random())));
}
