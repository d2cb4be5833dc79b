/**
 * Zapier's two request limits, as documented (docs/vendors.md R4): 60 requests a minute per client IP address, and
 * 150 a minute per partner, shared by every install of one OAuth client. Past either, every request from that
 * address (or that partner) gets 429 for a 60 s cooldown.
 */
const MINUTE = 60_000;
export const IP_LIMIT = 60;
export const PARTNER_LIMIT = 150;
const COOLDOWN_MS = 60_000;

export type RateVerdict = { ok: true; remaining: number; limit: number } | { ok: false; until: number; limit: number };

class SlidingMinute {
  private readonly hits = new Map<string, number[]>();
  private readonly cooldown = new Map<string, number>();
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  check(key: string, now: number, count = true): RateVerdict {
    const until = this.cooldown.get(key) ?? 0;
    if (now < until) return { ok: false, until, limit: this.limit };
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - MINUTE);
    if (recent.length >= this.limit) {
      this.cooldown.set(key, now + COOLDOWN_MS);
      this.hits.set(key, recent);
      return { ok: false, until: now + COOLDOWN_MS, limit: this.limit };
    }
    if (count) recent.push(now);
    this.hits.set(key, recent);
    return { ok: true, remaining: this.limit - recent.length, limit: this.limit };
  }

  /** Requests counted without being served (other installs of the same partner). */
  add(key: string, at: number, n: number): void {
    const recent = this.hits.get(key) ?? [];
    for (let i = 0; i < n; i++) recent.push(at);
    this.hits.set(key, recent);
  }
}

export class ZapierRateLimits {
  private readonly ip = new SlidingMinute(IP_LIMIT);
  private readonly partner = new SlidingMinute(PARTNER_LIMIT);

  /** Counts a request from `address` (before authentication, like Zapier's per-IP throttle). */
  byAddress(address: string, now: number): RateVerdict {
    return this.ip.check(address, now);
  }

  /** Counts an authenticated request against its partner's shared limit. */
  byPartner(partner: string, now: number): RateVerdict {
    return this.partner.check(partner, now);
  }

  /** Traffic from the partner's other installs, elsewhere: `n` requests at `at`. */
  otherInstalls(partner: string, at: number, n: number): void {
    this.partner.add(partner, at, n);
  }
}
