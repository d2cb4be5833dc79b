import type { Db } from './db.ts';

export interface SessionRow {
  secretHash: string;
  tokenName: string;
  tokenHash: string;
  createdAt: number;
  lastSeenAt: number;
  address: string | null;
  userAgent: string | null;
}

const COLUMNS = `secret_hash AS secretHash, token_name AS tokenName, token_hash AS tokenHash, created_at AS createdAt,
  last_seen_at AS lastSeenAt, address, user_agent AS userAgent`;

/** Serve-mode sessions of named tokens (only the secret's hash is stored). */
export class SessionsRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  add(s: SessionRow): void {
    this.db.prepare(
      `INSERT INTO sessions (secret_hash, token_name, token_hash, created_at, last_seen_at, address, user_agent)
       VALUES (@secretHash, @tokenName, @tokenHash, @createdAt, @lastSeenAt, @address, @userAgent)`,
    ).run(s);
  }

  get(secretHash: string): SessionRow | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM sessions WHERE secret_hash = ?`).get(secretHash) as SessionRow | undefined;
  }

  touch(secretHash: string, now: number): void {
    this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE secret_hash = ?').run(now, secretHash);
  }

  remove(secretHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE secret_hash = ?').run(secretHash);
  }

  /** Ends sessions idle since `idleBefore` or made before `createdBefore`, and those of tokens no longer active. */
  removeStale(idleBefore: number, createdBefore: number): number {
    return this.db.prepare(
      `DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?
         OR NOT EXISTS (SELECT 1 FROM access_tokens t WHERE t.name = sessions.token_name AND t.token_hash = sessions.token_hash
                        AND t.revoked_at IS NULL)`,
    ).run(idleBefore, createdBefore).changes;
  }

  listFor(tokenName: string): SessionRow[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM sessions WHERE token_name = ? ORDER BY last_seen_at DESC`).all(tokenName) as SessionRow[];
  }
}
