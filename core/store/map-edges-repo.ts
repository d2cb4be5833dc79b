import type { Db } from './db.ts';

/** A link the owner stated by hand: an edge added, or an inferred edge hidden (map_edges, migration 0018). */
export interface MapEdgeRow {
  id: number;
  action: 'add' | 'hide';
  fromWorkflowId: number | null;
  toWorkflowId: number | null;
  edgeKey: string | null;
  note: string | null;
  createdBy: string;
  createdAt: number;
}

const SELECT = `SELECT id, action, from_workflow_id AS fromWorkflowId, to_workflow_id AS toWorkflowId, edge_key AS edgeKey, note,
  created_by AS createdBy, created_at AS createdAt FROM map_edges`;

/** The system map's manual edges; the only writer of map_edges. */
export class MapEdgesRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  list(): MapEdgeRow[] {
    return this.db.prepare(`${SELECT} ORDER BY id`).all() as MapEdgeRow[];
  }

  get(id: number): MapEdgeRow | undefined {
    return this.db.prepare(`${SELECT} WHERE id = ?`).get(id) as MapEdgeRow | undefined;
  }

  /** Adds a manual edge; null when the same one (from → to) is already there. */
  add(fromWorkflowId: number, toWorkflowId: number, note: string | null, by: string, now: number): number | null {
    const r = this.db.prepare(
      `INSERT INTO map_edges (action, from_workflow_id, to_workflow_id, note, created_by, created_at) VALUES ('add', ?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    ).run(fromWorkflowId, toWorkflowId, note, by, now);
    return r.changes ? Number(r.lastInsertRowid) : null;
  }

  /** Hides an inferred edge by its key; null when it is already hidden. */
  hide(edgeKey: string, by: string, now: number): number | null {
    const r = this.db.prepare(
      `INSERT INTO map_edges (action, edge_key, created_by, created_at) VALUES ('hide', ?, ?, ?) ON CONFLICT DO NOTHING`,
    ).run(edgeKey, by, now);
    return r.changes ? Number(r.lastInsertRowid) : null;
  }

  remove(id: number): boolean {
    return this.db.prepare('DELETE FROM map_edges WHERE id = ?').run(id).changes > 0;
  }
}
