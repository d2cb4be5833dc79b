import type { Clock } from '../clock.ts';
import { redactor } from './redact.ts';

/**
 * Single-flight OAuth access tokens. However many requests ask at once, at most one load and one refresh run;
 * they all wait for it. A failed refresh rejects every waiter, and the next call tries again (no stuck state).
 * The refreshed token set is saved (to the keychain) before anyone gets it, so a crash never loses a rotated
 * refresh token.
 */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  /** When the access token expires (ms since epoch), or null when it does not say. */
  expiresAt: number | null;
}

export interface TokenSourceOptions {
  /** Reads the stored tokens (null when there are none yet). */
  load: () => Promise<TokenSet | null>;
  /** Gets new tokens from the vendor; `current` is what is stored (null if nothing). */
  refresh: (current: TokenSet | null) => Promise<TokenSet>;
  /** Stores the new tokens (keychain). */
  save: (tokens: TokenSet) => Promise<void>;
  clock: Clock;
  /** Refresh this long before the expiry (default 60 s). */
  skewMs?: number;
}

export interface TokenSource {
  /** A valid access token, refreshing first when the current one is missing, expired or about to expire. */
  getAccessToken(): Promise<string>;
  /**
   * The server rejected `accessToken` (e.g. a 401): the next call refreshes. Ignored when the token has already
   * been replaced, so many requests failing with the same old token cause one refresh, not many.
   */
  invalidate(accessToken: string): void;
  /** How many refreshes have run (for tests and stats). */
  refreshCount(): number;
}

export function createTokenSource(options: TokenSourceOptions): TokenSource {
  const skewMs = options.skewMs ?? 60_000;
  let current: TokenSet | null = null;
  let loaded = false;
  let stale = false;
  let inflight: Promise<TokenSet> | null = null;
  let refreshes = 0;

  const fresh = (t: TokenSet | null): t is TokenSet =>
    t !== null && !stale && (t.expiresAt === null || t.expiresAt - skewMs > options.clock.now());

  const remember = (t: TokenSet) => {
    redactor.addSecret(t.accessToken);
    if (t.refreshToken) redactor.addSecret(t.refreshToken);
  };

  const obtain = async (): Promise<TokenSet> => {
    if (!loaded) {
      current = await options.load();
      loaded = true;
      if (current) remember(current);
      if (fresh(current)) return current;
    }
    refreshes += 1;
    const next = await options.refresh(current);
    remember(next);
    await options.save(next);
    current = next;
    stale = false;
    return next;
  };

  return {
    async getAccessToken() {
      if (fresh(current)) return current.accessToken;
      inflight ??= obtain().finally(() => { inflight = null; });
      return (await inflight).accessToken;
    },
    invalidate(accessToken) {
      if (current?.accessToken === accessToken) stale = true;
    },
    refreshCount: () => refreshes,
  };
}
