import type { Clock } from '../clock.ts';

/**
 * An exact sliding-window rate budget: across ANY interval of `windowMs` at most `limit` requests are sent.
 * It keeps the send times of the last `limit` requests; a new request waits (through the injected `sleep`)
 * until the `limit`-th most recent one is a full window old. Acquisitions are serialised, so concurrent callers
 * cannot slip past each other. Server hints (Retry-After, X-RateLimit-Reset …) block the budget until a time.
 *
 * The window (send times, block, queue) can be shared: vendors limit per organisation, token or IP address, not per
 * connector, so every client spending one vendor limit acquires from the same `BudgetWindow` (docs/vendors.md R1).
 */
export interface RateBudgetOptions {
  limit: number;
  windowMs: number;
}

export interface RateBudget {
  /**
   * Resolves when a request may be sent now, and records it as sent. Call the returned `settled` once the answer
   * (or failure) is in: the request reached the vendor at some moment in between, so its slot is counted from the
   * later time, and a window shared with other connectors never lets the vendor see one request too many.
   * `settled(true)` gives the slot back, for an answer the vendor does not count.
   */
  acquire(): Promise<(free?: boolean) => void>;
  /** Holds every request back until `at` (ms on the clock); the later of several blocks wins. */
  blockUntil(at: number): void;
  blockedUntil(): number;
  usage(): { limit: number; used: number; windowMs: number } | null;
}

/** The state one vendor limit keeps: what was sent when, how long the vendor asked to wait, and whose turn it is. */
export interface BudgetWindow {
  options: RateBudgetOptions | null;
  /** One slot per request: `at` is when it was sent, moved to when its answer came once `settled`. */
  readonly sent: { at: number; settled: boolean }[];
  blocked: number;
  queue: Promise<void>;
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

export function createBudgetWindow(options: RateBudgetOptions | null): BudgetWindow {
  if (options && (!(options.limit >= 1) || !(options.windowMs > 0))) {
    throw new Error(`A rate budget needs limit >= 1 and windowMs > 0 (got ${options.limit}/${options.windowMs}).`);
  }
  return { options, sent: [], blocked: 0, queue: Promise.resolve() };
}

/**
 * A budget over its own window (`options`), over a shared one (`BudgetWindow`), or over a shared one found only
 * once a request is made (a function: e.g. a limit per token, and the token is read from the keychain lazily).
 */
export type BudgetSource = RateBudgetOptions | null | BudgetWindow | (() => Promise<BudgetWindow>);

function isWindow(source: BudgetSource): source is BudgetWindow {
  return typeof source === 'object' && source !== null && 'sent' in source;
}

export function createRateBudget(source: BudgetSource, deps: RateBudgetDeps): RateBudget {
  const { clock, sleep } = deps;
  let window: BudgetWindow | null = typeof source === 'function' ? null : isWindow(source) ? source : createBudgetWindow(source);
  const lookup = typeof source === 'function' ? source : null;
  let pendingBlock = 0;

  const resolve = async (): Promise<BudgetWindow> => {
    if (!window) {
      window = await lookup!();
      if (pendingBlock > window.blocked) window.blocked = pendingBlock;
    }
    return window;
  };

  /** Drops the slots whose answer came in a full window ago; a request still in flight always counts. */
  const prune = (w: BudgetWindow, now: number) => {
    if (!w.options) return;
    const horizon = now - w.options.windowMs;
    for (let i = w.sent.length - 1; i >= 0; i--) {
      const slot = w.sent[i]!;
      if (slot.settled && slot.at <= horizon) w.sent.splice(i, 1);
    }
  };

  /** How long until one more request fits: the soonest settled slots to expire, or a full window while too many are in flight. */
  const waitFor = (w: BudgetWindow, limit: number, windowMs: number, now: number): number => {
    const expiries = w.sent.filter((slot) => slot.settled).map((slot) => slot.at + windowMs).sort((a, b) => a - b);
    const needed = w.sent.length - limit + 1;
    return needed <= expiries.length ? Math.max(1, expiries[needed - 1]! - now) : windowMs;
  };

  const acquireNow = async (w: BudgetWindow): Promise<(free?: boolean) => void> => {
    for (;;) {
      const now = clock.now();
      if (w.blocked > now) {
        deps.beforeBlockedWait?.(w.blocked - now, w.blocked);
        await sleep(w.blocked - now);
        continue;
      }
      if (!w.options) return () => undefined;
      prune(w, now);
      if (w.sent.length < w.options.limit) {
        const slot = { at: now, settled: false };
        w.sent.push(slot);
        return (free = false) => {
          if (slot.settled) return;
          slot.settled = true;
          slot.at = Math.max(slot.at, clock.now());
          // The vendor did not count it (GitHub: a conditional request answered 304): the slot is given back.
          if (free) w.sent.splice(w.sent.indexOf(slot), 1);
        };
      }
      await sleep(waitFor(w, w.options.limit, w.options.windowMs, now));
    }
  };

  return {
    async acquire() {
      const w = await resolve();
      const turn = w.queue.then(() => acquireNow(w));
      w.queue = turn.then(() => undefined, () => undefined);
      return turn;
    },
    blockUntil(at) {
      if (!window) {
        if (at > pendingBlock) pendingBlock = at;
        return;
      }
      if (at > window.blocked) window.blocked = at;
    },
    blockedUntil: () => window?.blocked ?? pendingBlock,
    usage() {
      if (!window?.options) return null;
      prune(window, clock.now());
      return { limit: window.options.limit, used: window.sent.length, windowMs: window.options.windowMs };
    },
  };
}

/**
 * The windows of one process, by the scope a vendor limits (`make:<zone>:org:<id>`, `zapier:<host>`,
 * `github:<host>:token:<hash>`). The first connector to ask sets the limit; a later one asking for a smaller limit
 * lowers it (the vendor's limit is the smaller of what the owner told Flowdeck).
 */
export class BudgetPool {
  private readonly windows = new Map<string, BudgetWindow>();

  get(key: string, options: RateBudgetOptions): BudgetWindow {
    const existing = this.windows.get(key);
    if (!existing) {
      const created = createBudgetWindow(options);
      this.windows.set(key, created);
      return created;
    }
    if (existing.options && options.windowMs === existing.options.windowMs && options.limit < existing.options.limit) {
      existing.options = options;
    }
    return existing;
  }

  size(): number {
    return this.windows.size;
  }
}
