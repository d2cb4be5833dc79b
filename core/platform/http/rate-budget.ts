import type { Clock } from '../clock.ts';

/**
 * An exact sliding-window rate budget: across ANY interval of `windowMs` at most `limit` requests are sent.
 * It keeps the send times of the last `limit` requests; a new request waits (through the injected `sleep`)
 * until the `limit`-th most recent one is a full window old. Acquisitions are serialised, so concurrent callers
 * cannot slip past each other. Server hints (Retry-After, X-RateLimit-Reset …) block the budget until a time.
 */
export interface RateBudgetOptions {
  limit: number;
  windowMs: number;
}

export interface RateBudget {
  /** Resolves when a request may be sent now, and records it as sent. */
  acquire(): Promise<void>;
  /** Holds every request back until `at` (ms on the clock); the later of several blocks wins. */
  blockUntil(at: number): void;
  blockedUntil(): number;
  usage(): { limit: number; used: number; windowMs: number } | null;
}

export interface RateBudgetDeps {
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  /**
   * Called before waiting for a server-imposed block; it may throw to refuse waiting that long
   * (the client throws a `rate_limited` failure when the wait exceeds its `maxWaitMs`).
   */
  beforeBlockedWait?: (waitMs: number, until: number) => void;
}

export function createRateBudget(options: RateBudgetOptions | null, deps: RateBudgetDeps): RateBudget {
  if (options && (!(options.limit >= 1) || !(options.windowMs > 0))) {
    throw new Error(`A rate budget needs limit >= 1 and windowMs > 0 (got ${options.limit}/${options.windowMs}).`);
  }
  const { clock, sleep } = deps;
  const sent: number[] = [];
  let blocked = 0;
  let queue: Promise<void> = Promise.resolve();

  const prune = (now: number) => {
    if (!options) return;
    while (sent.length > 0 && (sent[0] as number) <= now - options.windowMs) sent.shift();
  };

  const acquireNow = async (): Promise<void> => {
    for (;;) {
      const now = clock.now();
      if (blocked > now) {
        deps.beforeBlockedWait?.(blocked - now, blocked);
        await sleep(blocked - now);
        continue;
      }
      if (!options) return;
      prune(now);
      if (sent.length < options.limit) {
        sent.push(now);
        return;
      }
      const oldestInWindow = sent[sent.length - options.limit] as number;
      await sleep(Math.max(1, oldestInWindow + options.windowMs - now));
    }
  };

  return {
    acquire() {
      const turn = queue.then(acquireNow);
      queue = turn.catch(() => undefined);
      return turn;
    },
    blockUntil(at) {
      if (at > blocked) blocked = at;
    },
    blockedUntil: () => blocked,
    usage() {
      if (!options) return null;
      prune(clock.now());
      return { limit: options.limit, used: sent.length, windowMs: options.windowMs };
    },
  };
}
