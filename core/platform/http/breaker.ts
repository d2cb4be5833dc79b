import type { Clock } from '../clock.ts';

/**
 * Consecutive-failure circuit breaker. Closed: requests pass. After `failureThreshold` consecutive failures it
 * opens: requests fail fast until `halfOpenAfterMs` has passed, then exactly one trial request is let through
 * (half-open). The trial's success closes the breaker; its failure opens it again for another interval.
 */
export interface BreakerOptions {
  failureThreshold: number;
  halfOpenAfterMs: number;
}

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface Breaker {
  /** Asks to send a request; false means fail fast. A `true` in half-open state reserves the single trial. */
  tryEnter(): boolean;
  /** The request reached the server and it answered sensibly. */
  success(): void;
  /** The request failed in a way that says the server is unwell (5xx, timeout, unreachable, garbage). */
  failure(): void;
  /** The entered request was never sent (e.g. the rate budget refused it): give back the trial slot. */
  abandon(): void;
  state(): BreakerState;
  /** When an open breaker lets the next trial through (ms on the clock), or null when not open. */
  reopensAt(): number | null;
  consecutiveFailures(): number;
}

export function createBreaker(options: BreakerOptions, clock: Clock): Breaker {
  let failures = 0;
  let openedAt: number | null = null;
  let trialInFlight = false;

  const state = (): BreakerState => {
    if (openedAt === null) return 'closed';
    return clock.now() - openedAt >= options.halfOpenAfterMs ? 'half_open' : 'open';
  };

  return {
    tryEnter() {
      const s = state();
      if (s === 'closed') return true;
      if (s === 'open' || trialInFlight) return false;
      trialInFlight = true;
      return true;
    },
    success() {
      failures = 0;
      openedAt = null;
      trialInFlight = false;
    },
    failure() {
      failures += 1;
      if (trialInFlight || openedAt !== null || failures >= options.failureThreshold) openedAt = clock.now();
      trialInFlight = false;
    },
    abandon() {
      trialInFlight = false;
    },
    state,
    reopensAt: () => (openedAt === null ? null : openedAt + options.halfOpenAfterMs),
    consecutiveFailures: () => failures,
  };
}
