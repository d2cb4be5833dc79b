import type { AuditEntry } from '../contract/system.ts';
import type { Db } from './db.ts';

export interface AuditQuery {
  actor?: string | undefined;
  /** Prefix match: `incident.` finds every incident transition. */
  action?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  beforeId?: number | undefined;
  limit: number;
}

/** Filtered reads of the append-only audit log (newest first). */
export class AuditSearchRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  search(q: AuditQuery): AuditEntry[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (q.actor) { where.push('actor = ?'); params.push(q.actor); }
    if (q.action) { where.push(`action LIKE ? ESCAPE '\\'`); params.push(`${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`); }
    if (q.from !== undefined) { where.push('at >= ?'); params.push(q.from); }
    if (q.to !== undefined) { where.push('at < ?'); params.push(q.to); }
    if (q.beforeId !== undefined) { where.push('id < ?'); params.push(q.beforeId); }
    const rows = this.db.prepare(`SELECT id, at, actor, action, target, detail_json AS detailJson FROM audit_log
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`).all(...params, q.limit) as (Omit<AuditEntry, 'detail'> & { detailJson: string | null })[];
    return rows.map(({ detailJson, ...r }) => ({ ...r, detail: detailJson === null ? null : JSON.parse(detailJson) as unknown }));
  }
}
