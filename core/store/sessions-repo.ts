import type { Db } from './db.ts';

/** A session bought with a named token (tokenName and tokenHash set) or by a person signing in (userId set). */
export interface SessionRow {
  secretHash: string;
  tokenName: string | null;
  tokenHash: string | null;
  userId: number | null;
  createdAt: number;
  lastSeenAt: number;
  address: string | null;
  userAgent: string | null;
}

/** A person's session as listed for them: `id` is the first 16 hex digits of the secret's hash (not enough to use it). */
export interface UserSessionRow {
  id: string;
  createdAt: number;
  lastSeenAt: number;
  address: string | null;
  userAgent: string | null;
}

const COLUMNS = `secret_hash AS secretHash, token_name AS tokenName, token_hash AS tokenHash, user_id AS userId, created_at AS createdAt,
  last_seen_at AS lastSeenAt, address, user_agent AS userAgent`;
export const SESSION_ID_LENGTH = 16;

/** Serve-mode sessions of named tokens and of people (only the secret's hash is stored). */
export class SessionsRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  add(s: SessionRow): void {
    this.db.prepare(
      `INSERT INTO sessions (secret_hash, token_name, token_hash, user_id, created_at, last_seen_at, address, user_agent)
       VALUES (@secretHash, @tokenName, @tokenHash, @userId, @createdAt, @lastSeenAt, @address, @userAgent)`,
    ).run(s);
  }

  get(secretHash: string): SessionRow | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM sessions WHERE secret_hash = ?`).get(secretHash) as SessionRow | undefined;
  }

  /** Whether this session still exists (a person's session is deleted when it is revoked). */
  exists(secretHash: string): boolean {
    return this.db.prepare('SELECT 1 FROM sessions WHERE secret_hash = ?').get(secretHash) !== undefined;
  }

  touch(secretHash: string, now: number): void {
    this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE secret_hash = ?').run(now, secretHash);
  }

  remove(secretHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE secret_hash = ?').run(secretHash);
  }

  /**
   * Ends sessions idle since `idleBefore` or made before `createdBefore`, those of tokens no longer active, and those
   * of people disabled.
   */
  removeStale(idleBefore: number, createdBefore: number): number {
    return this.db.prepare(
      `DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?
         OR (token_name IS NOT NULL AND NOT EXISTS (SELECT 1 FROM access_tokens t WHERE t.name = sessions.token_name
               AND t.token_hash = sessions.token_hash AND t.revoked_at IS NULL))
         OR (user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = sessions.user_id AND u.disabled_at IS NULL))`,
    ).run(idleBefore, createdBefore).changes;
  }

  listFor(tokenName: string): SessionRow[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM sessions WHERE token_name = ? ORDER BY last_seen_at DESC`).all(tokenName) as SessionRow[];
  }

  /** A person's sessions, most recently used first. */
  listForUser(userId: number): UserSessionRow[] {
    return this.db.prepare(
      `SELECT substr(secret_hash, 1, ${SESSION_ID_LENGTH}) AS id, created_at AS createdAt, last_seen_at AS lastSeenAt, address,
         user_agent AS userAgent FROM sessions WHERE user_id = ? ORDER BY last_seen_at DESC`,
    ).all(userId) as UserSessionRow[];
  }

  /** Ends one of a person's sessions by its listed id; true when one was ended. */
  removeForUser(userId: number, id: string): boolean {
    if (id.length !== SESSION_ID_LENGTH) return false;
    return this.db.prepare('DELETE FROM sessions WHERE user_id = ? AND substr(secret_hash, 1, ?) = ?').run(userId, SESSION_ID_LENGTH, id).changes > 0;
  }

  /** Ends every session of a person; returns how many. */
  removeAllForUser(userId: number): number {
    return this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes;
  }
}
