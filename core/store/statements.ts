import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';

/**
 * Prepared statements by SQL text, compiled on first use and kept for the connection's life: repositories whose
 * queries are built at run time (filters, optional columns) share this instead of each keeping its own map.
 */
export class StatementCache {
  private readonly db: Db;
  private readonly statements = new Map<string, Statement<unknown[], unknown>>();

  constructor(db: Db) {
    this.db = db;
  }

  get<T = unknown>(sql: string): Statement<unknown[], T> {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s as Statement<unknown[], T>;
  }
}
