import type { TokenRole } from '../contract/permissions.ts';
import type { Db } from './db.ts';

export interface TokenRow {
  name: string;
  role: TokenRole;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** Named serve-mode access tokens; only a SHA-256 of each token is stored. */
export class TokensRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  add(name: string, tokenHash: string, now: number, role: TokenRole): void {
    this.db.prepare(
      `INSERT INTO access_tokens (name, token_hash, created_at, role) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at,
         role = excluded.role, revoked_at = NULL, last_used_at = NULL`,
    ).run(name, tokenHash, now, role);
  }

  revoke(name: string, now: number): boolean {
    return this.db.prepare('UPDATE access_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL').run(now, name).changes === 1;
  }

  list(): TokenRow[] {
    return this.db.prepare(
      'SELECT name, role, created_at AS createdAt, last_used_at AS lastUsedAt, revoked_at AS revokedAt FROM access_tokens ORDER BY name',
    ).all() as TokenRow[];
  }

  /** Active tokens' names and hashes, for the server to compare against in constant time. */
  active(): { name: string; tokenHash: string; role: TokenRole }[] {
    return this.db.prepare('SELECT name, token_hash AS tokenHash, role FROM access_tokens WHERE revoked_at IS NULL').all() as
      { name: string; tokenHash: string; role: TokenRole }[];
  }

  /** Changes whenever another connection (e.g. `flowdeck tokens revoke` in another process) commits. */
  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  touch(name: string, now: number): void {
    this.db.prepare('UPDATE access_tokens SET last_used_at = ? WHERE name = ?').run(now, name);
  }
}
