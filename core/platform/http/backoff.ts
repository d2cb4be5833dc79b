/**
 * Exponential backoff with "full jitter": the delay before retry `attempt` (0-based) is a uniform random value in
 * [0, min(capMs, baseMs · 2^attempt)). `random` is injected so tests can pin the delays.
 */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 500, capMs: 30_000 };

export function backoffDelay(attempt: number, random: () => number, options: BackoffOptions = defaultBackoff): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}
