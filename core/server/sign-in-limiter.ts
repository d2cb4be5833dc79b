/**
 * Failed sign-ins per address: after `maxFailures` within `windowMs` the address waits until the window has
 * passed since its first failure, whatever it presents (so guessing stays slow even between correct attempts).
 * Time comes from the core's clock. Bounded: the oldest addresses are forgotten past `maxAddresses`.
 */
export interface SignInLimits {
  maxFailures: number;
  windowMs: number;
  maxAddresses: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { maxFailures: 10, windowMs: 60_000, maxAddresses: 10_000 };

interface Entry { since: number; failures: number }

export class SignInLimiter {
  private readonly entries = new Map<string, Entry>();
  private readonly limits: SignInLimits;
  private readonly now: () => number;

  constructor(now: () => number, limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS) {
    this.now = now;
    this.limits = limits;
  }

  /** Milliseconds this address must still wait; 0 when it may try. */
  waitMs(address: string): number {
    const e = this.current(address);
    if (!e || e.failures < this.limits.maxFailures) return 0;
    return Math.max(1, e.since + this.limits.windowMs - this.now());
  }

  /** Records a failed attempt; `blockedNow` is true for the failure that reached the limit. */
  failed(address: string): { blockedNow: boolean } {
    const e = this.current(address) ?? { since: this.now(), failures: 0 };
    e.failures += 1;
    this.entries.delete(address);
    this.entries.set(address, e);
    if (this.entries.size > this.limits.maxAddresses) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return { blockedNow: e.failures === this.limits.maxFailures };
  }

  private current(address: string): Entry | undefined {
    const e = this.entries.get(address);
    if (e && this.now() - e.since >= this.limits.windowMs) {
      this.entries.delete(address);
      return undefined;
    }
    return e;
  }
}
