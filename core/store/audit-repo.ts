import type { AuditActor } from '../contract/actor.ts';
import type { AuditEntry } from '../contract/system.ts';
import type { Db } from './db.ts';

/** One audited change: who (every field of AuditActor, built once from the caller's context), what, on what. */
export interface NewAuditEntry extends AuditActor {
  action: string;
  target?: string | null;
  detail?: unknown;
}

/** The columns of an AuditEntry, as every read of the log selects them. */
export const AUDIT_COLUMNS = `id, at, actor, actor_id AS actorId, actor_kind AS actorKind, via, address, action, target, detail_json AS detailJson`;
export type AuditRow = Omit<AuditEntry, 'detail'> & { detailJson: string | null };
export const auditEntryOf = ({ detailJson, ...r }: AuditRow): AuditEntry => ({ ...r, detail: detailJson === null ? null : JSON.parse(detailJson) as unknown });

/** Append-only log of every change and who made it (the table refuses UPDATE and DELETE). */
export class AuditRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  append(entry: NewAuditEntry, now: number): number {
    const info = this.db.prepare(`INSERT INTO audit_log (at, actor, actor_id, actor_kind, via, address, action, target, detail_json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(now, entry.actor, entry.actorId, entry.actorKind, entry.via, entry.address, entry.action, entry.target ?? null,
        entry.detail === undefined ? null : JSON.stringify(entry.detail));
    return Number(info.lastInsertRowid);
  }

  list(beforeId: number | undefined, limit: number): AuditEntry[] {
    const rows = this.db.prepare(`SELECT ${AUDIT_COLUMNS} FROM audit_log ${beforeId ? 'WHERE id < ?' : ''} ORDER BY id DESC LIMIT ?`)
      .all(...(beforeId ? [beforeId, limit] : [limit])) as AuditRow[];
    return rows.map(auditEntryOf);
  }
}
