import type { AuditActorSummary, AuditEntry } from '../contract/system.ts';
import { AUDIT_COLUMNS, auditEntryOf, type AuditRow } from './audit-repo.ts';
import type { Db } from './db.ts';

export interface AuditQuery {
  /** The name as recorded (older rows have no id). */
  actor?: string | undefined;
  /** The person or caller's stable id ('user:3', 'token:wall', 'system'…). */
  actorId?: string | undefined;
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
    if (q.actorId) { where.push('actor_id = ?'); params.push(q.actorId); }
    if (q.action) { where.push(`action LIKE ? ESCAPE '\\'`); params.push(`${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`); }
    if (q.from !== undefined) { where.push('at >= ?'); params.push(q.from); }
    if (q.to !== undefined) { where.push('at < ?'); params.push(q.to); }
    if (q.beforeId !== undefined) { where.push('id < ?'); params.push(q.beforeId); }
    const rows = this.db.prepare(`SELECT ${AUDIT_COLUMNS} FROM audit_log
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`).all(...params, q.limit) as AuditRow[];
    return rows.map(auditEntryOf);
  }

  /**
   * Everyone who appears in the audit under an id, most recently active first, each with the name and kind of their
   * latest entry (a person renamed shows their new name) and how many entries they have.
   */
  actors(): AuditActorSummary[] {
    // SQLite takes the bare columns (actor, actor_kind, at) from the row that holds MAX(id).
    return this.db.prepare(`SELECT actor_id AS actorId, actor, actor_kind AS actorKind, at AS lastAt, MAX(id) AS lastId, count(*) AS entries
      FROM audit_log WHERE actor_id IS NOT NULL GROUP BY actor_id ORDER BY lastId DESC`).all()
      .map((r) => {
        const { lastId: _lastId, ...rest } = r as AuditActorSummary & { lastId: number };
        return rest;
      });
  }
}
