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
  /** The launch token (the person who started serve), a named (service) token, or a person signed in. */
  kind: 'launch' | 'token' | 'user';
  /** Recorded on every audited action: a person's display name, the token's name, or the OS user for the launch token. */
  actor: string;
  /** The named token signed in with; null for the launch token (valid as long as the server runs) and for people. */
  tokenName: string | null;
  /** The token's SHA-256; for a person, the SHA-256 of their session's secret (their access ends with that session). */
  tokenHash: string;
  /** What it may do: the launch token is the owner's; a token carries the role it was made with; a person, theirs. */
  role: Role;
  /** The person signed in (kind 'user'), else null. */
  userId: number | null;
  login: string | null;
}

/** The part of the users repository sessions need (core.ledger.users satisfies it): who a person is now. */
export interface UserStore {
  current(id: number): { id: number; login: string; displayName: string; role: Role; disabledAt: number | null } | undefined;
}

/** Where sessions of named tokens and people are kept so they survive a restart (core.ledger.sessions satisfies it). */
export interface SessionStore {
  add(s: { secretHash: string; tokenName: string | null; tokenHash: string | null; userId: number | null; createdAt: number; lastSeenAt: number; address: string | null; userAgent: string | null }): void;
  get(secretHash: string): { tokenName: string | null; tokenHash: string | null; userId: number | null; createdAt: number; lastSeenAt: number } | undefined;
  exists(secretHash: string): boolean;
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
  /** People (for their sessions); without it nobody signs in by password. */
  users?: UserStore;
  /** Sessions of named tokens are kept here (they survive a restart); without it they live in memory only. */
  sessions?: SessionStore;
  now: () => number;
  maxSessions?: number;
}

const TOUCH_EVERY_MS = 60_000;

const tokenPrincipal = (t: { name: string; tokenHash: string; role: TokenRole }): Principal =>
  ({ kind: 'token', actor: t.name, tokenName: t.name, tokenHash: t.tokenHash, role: t.role, userId: null, login: null });

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
      found = { kind: 'launch', actor: this.options.launchActor, tokenName: null, tokenHash: this.launchHash, role: 'owner', userId: null, login: null };
    }
    for (const t of this.options.tokens.active()) {
      if (tokenMatchesHash(candidate, t.tokenHash)) found = tokenPrincipal(t);
    }
    if (found?.tokenName) this.touch(found.tokenName);
    return found;
  }

  /**
   * A named token's principal stays valid only while that exact token is active; a person's while their session
   * exists, they are not disabled, and their role is still the one the connection was opened with (a role change
   * closes the connection, and the console reconnects with the new role).
   */
  isValid(principal: Principal, active = this.options.tokens.active()): boolean {
    if (principal.kind === 'user') {
      const user = principal.userId === null ? undefined : this.options.users?.current(principal.userId);
      return !!user && user.disabledAt === null && user.role === principal.role && !!this.options.sessions?.exists(principal.tokenHash);
    }
    if (principal.tokenName === null) return principal.tokenHash === this.launchHash;
    return active.some((t) => t.name === principal.tokenName && t.tokenHash === principal.tokenHash);
  }

  /** A person whose session still stands but whose role is no longer the one this principal carries. */
  roleChanged(principal: Principal): boolean {
    if (principal.kind !== 'user' || principal.userId === null) return false;
    const user = this.options.users?.current(principal.userId);
    return !!user && user.disabledAt === null && user.role !== principal.role && !!this.options.sessions?.exists(principal.tokenHash);
  }

  /** Starts a session and returns its secret (the cookie value). A named token's session is stored; the launch token's is not. */
  openSession(principal: Principal, origin: SessionOrigin = { address: null, userAgent: null }): string {
    const secret = randomBytes(32).toString('base64url');
    const store = this.options.sessions;
    if (store && principal.tokenName !== null) {
      this.store(secret, { tokenName: principal.tokenName, tokenHash: principal.tokenHash, userId: null }, origin);
      return secret;
    }
    if (this.sessions.size >= this.maxSessions) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    this.sessions.set(hashToken(secret), principal);
    return secret;
  }

  /** Starts a person's session (kept in the ledger: it survives a restart) and returns its secret, the cookie value. */
  openUserSession(userId: number, origin: SessionOrigin): string {
    if (!this.options.sessions) throw new Error('People sign in only with a session store.');
    const secret = randomBytes(32).toString('base64url');
    this.store(secret, { tokenName: null, tokenHash: null, userId }, origin);
    return secret;
  }

  /** Signing out: the session ends, wherever it is kept. */
  endSession(secret: string): void {
    if (!secret || secret.length > 128) return;
    const key = hashToken(secret);
    this.sessions.delete(key);
    this.options.sessions?.remove(key);
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
    const principal = row.userId !== null ? this.userPrincipal(row.userId, key)
      : this.options.tokens.active().filter((t) => t.name === row.tokenName && t.tokenHash === row.tokenHash).map(tokenPrincipal)[0];
    if (!principal || now - row.lastSeenAt > SESSION_IDLE_MS || now - row.createdAt > SESSION_MAX_MS) {
      store.remove(key);
      return null;
    }
    if (now - row.lastSeenAt >= TOUCH_EVERY_MS) store.touch(key, now);
    return principal;
  }

  /** A person's principal as they are now (role and name read afresh), or undefined when disabled or gone. */
  private userPrincipal(userId: number, sessionHash: string): Principal | undefined {
    const user = this.options.users?.current(userId);
    if (!user || user.disabledAt !== null) return undefined;
    return { kind: 'user', actor: user.displayName, tokenName: null, tokenHash: sessionHash, role: user.role, userId: user.id, login: user.login };
  }

  private store(secret: string, owner: { tokenName: string | null; tokenHash: string | null; userId: number | null }, origin: SessionOrigin): void {
    const now = this.options.now();
    this.options.sessions!.add({
      secretHash: hashToken(secret), ...owner, createdAt: now, lastSeenAt: now,
      address: origin.address, userAgent: origin.userAgent?.slice(0, 300) ?? null,
    });
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
