/** How often the scheduler polls; pure decisions from what the last cycle saw and "now". */
export interface Cadence {
  /** While runs are in flight or a workflow is failing. */
  fastMs: number;
  normalMs: number;
  /** After `idleAfterMs` without a new run. */
  idleMs: number;
  idleAfterMs: number;
  /** The vendor still had pages: come back almost at once. */
  continueMs: number;
  /** How often the (slower, bigger) workflow list is fetched. */
  workflowsMs: number;
  /** A failing run within this window makes the connector "failing". */
  failingWindowMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** ± this fraction of every delay, so connectors added together drift apart. */
  jitter: number;
  /** Connectors are spread over this window when the scheduler starts. */
  startSpreadMs: number;
}

export const DEFAULT_CADENCE: Cadence = {
  fastMs: 30_000,
  normalMs: 120_000,
  idleMs: 600_000,
  idleAfterMs: 3_600_000,
  continueMs: 1_000,
  workflowsMs: 900_000,
  failingWindowMs: 30 * 60_000,
  backoffBaseMs: 30_000,
  backoffMaxMs: 30 * 60_000,
  jitter: 0.1,
  startSpreadMs: 5_000,
};

export type PollMode = 'continue' | 'fast' | 'normal' | 'idle';

export interface ActivityView {
  /** The vendor said more pages are waiting. */
  hasMore: boolean;
  /** Runs of this connector still queued, running or waiting. */
  unfinished: number;
  /** Failed runs that started within `failingWindowMs`. */
  recentFailures: number;
  /** When a poll last brought a new or changed run. */
  lastActivityAt: number;
  now: number;
}

export function pollMode(view: ActivityView, c: Cadence): PollMode {
  if (view.hasMore) return 'continue';
  if (view.unfinished > 0 || view.recentFailures > 0) return 'fast';
  if (view.now - view.lastActivityAt >= c.idleAfterMs) return 'idle';
  return 'normal';
}

export function modeDelay(mode: PollMode, c: Cadence): number {
  return { continue: c.continueMs, fast: c.fastMs, normal: c.normalMs, idle: c.idleMs }[mode];
}

/** Exponential backoff after `failures` consecutive failures (1 = the first), never sooner than the server asked. */
export function backoffDelay(failures: number, c: Cadence, retryAt: number | null, now: number): number {
  const exp = Math.min(c.backoffMaxMs, c.backoffBaseMs * 2 ** Math.max(0, Math.min(failures - 1, 20)));
  const asked = retryAt !== null && retryAt > now ? retryAt - now : 0;
  return Math.max(exp, asked);
}

/** `ms` ± jitter, from a random number in [0, 1). */
export function withJitter(ms: number, fraction: number, random: () => number): number {
  return Math.max(0, Math.round(ms * (1 + (random() * 2 - 1) * fraction)));
}

/** "45 s", "2 min", "1 h 5 min": for messages like "Retrying in 2 min". */
export function inWords(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
}
