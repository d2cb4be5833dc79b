import type { PageReason } from '../contract/oncall.ts';
import type { Db } from './db.ts';
import { StatementCache } from './statements.ts';

export interface PageRecord {
  id: number;
  incidentId: number;
  login: string;
  reason: PageReason;
  /** 0 when the incident opened, 1 the next person on the rota, 2 the owners. */
  step: number;
  status: 'paged' | 'held';
  heldUntil: number | null;
  at: number;
}

const PAGE = `SELECT id, incident_id AS incidentId, login, reason, step, status, held_until AS heldUntil, at FROM oncall_pages`;

/** Who was paged about which incident, and the paging steps each incident went through (migration 0014). */
export class OncallPagesRepo {
  private readonly statements: StatementCache;

  constructor(db: Db) {
    this.statements = new StatementCache(db);
  }

  add(p: Omit<PageRecord, 'id'>): number {
    return Number(this.statements.get(`INSERT INTO oncall_pages (incident_id, login, reason, step, status, held_until, at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(p.incidentId, p.login, p.reason, p.step, p.status, p.heldUntil, p.at).lastInsertRowid);
  }

  /** A held page went out. */
  markPaged(id: number, now: number): void {
    this.statements.get(`UPDATE oncall_pages SET status = 'paged', held_until = NULL, at = ? WHERE id = ?`).run(now, id);
  }

  forIncident(incidentId: number): PageRecord[] {
    return this.statements.get(`${PAGE} WHERE incident_id = ? ORDER BY id`).all(incidentId) as PageRecord[];
  }

  /** Pages held by a person's quiet hours that may go out now, for incidents still open (not acknowledged, not resolved). */
  heldDue(now: number): PageRecord[] {
    return this.statements.get(`${PAGE} p WHERE status = 'held' AND held_until <= ?
      AND EXISTS (SELECT 1 FROM incidents i WHERE i.id = p.incident_id AND i.status = 'open') ORDER BY id`).all(now) as PageRecord[];
  }

  /** When each step was taken, by step number. */
  steps(incidentId: number): Map<number, number> {
    const rows = this.statements.get('SELECT step, at FROM oncall_steps WHERE incident_id = ?').all(incidentId) as { step: number; at: number }[];
    return new Map(rows.map((r) => [r.step, r.at]));
  }

  markStep(incidentId: number, step: number, now: number): void {
    this.statements.get('INSERT OR IGNORE INTO oncall_steps (incident_id, step, at) VALUES (?, ?, ?)').run(incidentId, step, now);
  }

  /** Open incidents whose paging began (step 0) and has a step still to take: the ones escalation looks at. */
  escalating(): { incidentId: number; lastStep: number; lastAt: number }[] {
    return this.statements.get(`SELECT s.incident_id AS incidentId, max(s.step) AS lastStep, max(s.at) AS lastAt FROM oncall_steps s
      JOIN incidents i ON i.id = s.incident_id AND i.status = 'open' GROUP BY s.incident_id HAVING max(s.step) < 2`).all() as
      { incidentId: number; lastStep: number; lastAt: number }[];
  }
}
