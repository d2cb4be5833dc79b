import type { AuditEntry } from '../contract/system.ts';
import type { Db } from './db.ts';

export interface NewAuditEntry {
  actor: string;
  action: string;
  target?: string | null;
  detail?: unknown;
}

/** Append-only log of every change and who made it (the table refuses UPDATE and DELETE). */
export class AuditRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  append(entry: NewAuditEntry, now: number): number {
    const info = this.db.prepare('INSERT INTO audit_log (at, actor, action, target, detail_json) VALUES (?, ?, ?, ?, ?)')
      .run(now, entry.actor, entry.action, entry.target ?? null, entry.detail === undefined ? null : JSON.stringify(entry.detail));
    return Number(info.lastInsertRowid);
  }

  list(beforeId: number | undefined, limit: number): AuditEntry[] {
    const rows = this.db.prepare(
      `SELECT id, at, actor, action, target, detail_json AS detailJson FROM audit_log
       ${beforeId ? 'WHERE id < ?' : ''} ORDER BY id DESC LIMIT ?`,
    ).all(...(beforeId ? [beforeId, limit] : [limit])) as (Omit<AuditEntry, 'detail'> & { detailJson: string | null })[];
    return rows.map(({ detailJson, ...r }) => ({ ...r, detail: detailJson === null ? null : JSON.parse(detailJson) as unknown }));
  }
}
