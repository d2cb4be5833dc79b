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

export interface AuthenticatorOptions {
  launchToken: string;
  /** Actor for the launch token: the OS user who started `flowdeck serve`. */
  launchActor: string;
  tokens: TokenStore;
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

  /** Starts a session and returns its secret (the cookie value). */
  openSession(principal: Principal): string {
    const secret = randomBytes(32).toString('base64url');
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
    const principal = this.sessions.get(key);
    if (!principal) return null;
    if (!this.isValid(principal)) {
      this.sessions.delete(key);
      return null;
    }
    return principal;
  }

  /** Drops every session whose token is no longer active. */
  dropInvalidSessions(): void {
    const active = this.options.tokens.active();
    for (const [key, principal] of this.sessions) if (!this.isValid(principal, active)) this.sessions.delete(key);
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
