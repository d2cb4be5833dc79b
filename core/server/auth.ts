import { randomBytes } from 'node:crypto';
import type { Role, TokenRole } from '../contract/permissions.ts';
import { hashToken, tokenMatchesHash } from './tokens.ts';

/** The part of the tokens repository the server needs (core.ledger.tokens satisfies it). */
export interface TokenStore {
  active(): { name: string; tokenHash: string; role: TokenRole }[];
  touch(name: string, now: number): void;
}

/** Who a request or connection acts as. */
export interface Principal {
  /** Recorded on every audited action: the token's name, or the OS user for the launch token. */
  actor: string;
  /** The named token signed in with; null for the launch token (valid as long as the server runs). */
  tokenName: string | null;
  tokenHash: string;
  /** What it may do: the launch token is the owner's; a named token carries the role it was made with. */
  role: Role;
}

/** Where sessions of named tokens are kept so they survive a restart (core.ledger.sessions satisfies it). */
export interface SessionStore {
  add(s: { secretHash: string; tokenName: string | null; tokenHash: string | null; userId: number | null; createdAt: number; lastSeenAt: number; address: string | null; userAgent: string | null }): void;
  get(secretHash: string): { tokenName: string; tokenHash: string; createdAt: number; lastSeenAt: number } | undefined;
  touch(secretHash: string, now: number): void;
  remove(secretHash: string): void;
  removeStale(idleBefore: number, createdBefore: number): number;
}

/** Where a session was opened from (kept with it, for the owner's list of sessions). */
export interface SessionOrigin {
  address: string | null;
  userAgent: string | null;
}

/** A session ends after 7 days unused, and 30 days after it began whatever its use. */
export const SESSION_IDLE_MS = 7 * 86_400_000;
export const SESSION_MAX_MS = 30 * 86_400_000;

export interface AuthenticatorOptions {
  launchToken: string;
  /** Actor for the launch token: the OS user who started `flowdeck serve`. */
  launchActor: string;
  tokens: TokenStore;
  /** Sessions of named tokens are kept here (they survive a restart); without it they live in memory only. */
  sessions?: SessionStore;
  now: () => number;
  maxSessions?: number;
}

const TOUCH_EVERY_MS = 60_000;

/**
 * Jupyter-style access: the launch token or a named token buys a session; sessions of a named token
 * end as soon as that token is revoked (or replaced), which `isValid` checks against the ledger.
 */
export class Authenticator {
  private readonly launchHash: string;
  private readonly options: AuthenticatorOptions;
  /** Keyed by the SHA-256 of the session secret, so the map never holds a usable credential. */
  private readonly sessions = new Map<string, Principal>();
  private readonly touchedAt = new Map<string, number>();
  private readonly maxSessions: number;

  constructor(options: AuthenticatorOptions) {
    this.options = options;
    this.launchHash = hashToken(options.launchToken);
    this.maxSessions = options.maxSessions ?? 1000;
  }

  /** The principal a presented token stands for, or null. Every candidate is compared in constant time. */
  verifyToken(candidate: string): Principal | null {
    let found: Principal | null = null;
    if (tokenMatchesHash(candidate, this.launchHash)) {
      found = { actor: this.options.launchActor, tokenName: null, tokenHash: this.launchHash, role: 'owner' };
    }
    for (const t of this.options.tokens.active()) {
      if (tokenMatchesHash(candidate, t.tokenHash)) found = { actor: t.name, tokenName: t.name, tokenHash: t.tokenHash, role: t.role };
    }
    if (found?.tokenName) this.touch(found.tokenName);
    return found;
  }

  /** A named token's principal stays valid only while that exact token is active. */
  isValid(principal: Principal, active = this.options.tokens.active()): boolean {
    if (principal.tokenName === null) return principal.tokenHash === this.launchHash;
    return active.some((t) => t.name === principal.tokenName && t.tokenHash === principal.tokenHash);
  }

  /** Starts a session and returns its secret (the cookie value). A named token's session is stored; the launch token's is not. */
  openSession(principal: Principal, origin: SessionOrigin = { address: null, userAgent: null }): string {
    const secret = randomBytes(32).toString('base64url');
    const store = this.options.sessions;
    if (store && principal.tokenName !== null) {
      const now = this.options.now();
      store.add({
        secretHash: hashToken(secret), tokenName: principal.tokenName, tokenHash: principal.tokenHash, userId: null, createdAt: now, lastSeenAt: now,
        address: origin.address, userAgent: origin.userAgent?.slice(0, 300) ?? null,
      });
      return secret;
    }
    if (this.sessions.size >= this.maxSessions) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    this.sessions.set(hashToken(secret), principal);
    return secret;
  }

  /** The session's principal, or null when unknown or its token was revoked (the session is then dropped). */
  session(secret: string): Principal | null {
    if (!secret || secret.length > 128) return null;
    const key = hashToken(secret);
    const principal = this.sessions.get(key) ?? this.storedSession(key);
    if (!principal) return null;
    if (!this.isValid(principal)) {
      this.sessions.delete(key);
      return null;
    }
    return principal;
  }

  /** Drops every session whose token is no longer active, and stored sessions past their idle or absolute limit. */
  dropInvalidSessions(): void {
    const active = this.options.tokens.active();
    for (const [key, principal] of this.sessions) if (!this.isValid(principal, active)) this.sessions.delete(key);
    const now = this.options.now();
    this.options.sessions?.removeStale(now - SESSION_IDLE_MS, now - SESSION_MAX_MS);
  }

  /** A stored session still within its limits and of a token still active, as its principal (touched once a minute). */
  private storedSession(key: string): Principal | null {
    const store = this.options.sessions;
    const row = store?.get(key);
    if (!store || !row) return null;
    const now = this.options.now();
    const token = this.options.tokens.active().find((t) => t.name === row.tokenName && t.tokenHash === row.tokenHash);
    if (!token || now - row.lastSeenAt > SESSION_IDLE_MS || now - row.createdAt > SESSION_MAX_MS) {
      store.remove(key);
      return null;
    }
    if (now - row.lastSeenAt >= TOUCH_EVERY_MS) store.touch(key, now);
    return { actor: token.name, tokenName: token.name, tokenHash: token.tokenHash, role: token.role };
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  private touch(name: string): void {
    const now = this.options.now();
    if (now - (this.touchedAt.get(name) ?? -Infinity) < TOUCH_EVERY_MS) return;
    this.touchedAt.set(name, now);
    this.options.tokens.touch(name, now);
  }
}
