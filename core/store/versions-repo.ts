import type { Db } from './db.ts';

/** One immutable version row (workflow_versions, migration 0006). */
export interface VersionRow {
  id: number;
  workflowId: number;
  contentHash: string;
  definitionJson: string;
  vendorVersionId: string | null;
  author: string | null;
  source: 'poll' | 'restore' | 'import' | 'demo';
  createdAt: number;
}

export interface NoteRow { id: number; versionId: number; at: number; author: string; text: string }

const COLS = `id, workflow_id AS workflowId, content_hash AS contentHash, definition_json AS definitionJson,
  vendor_version_id AS vendorVersionId, author, source, created_at AS createdAt`;

/** Workflow versions and their notes. Versions are only ever inserted (an UPDATE trigger refuses changes). */
export class VersionsRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** Oldest first. */
  list(workflowId: number): VersionRow[] {
    return this.db.prepare(`SELECT ${COLS} FROM workflow_versions WHERE workflow_id = ? ORDER BY created_at, id`).all(workflowId) as VersionRow[];
  }

  latest(workflowId: number): VersionRow | undefined {
    return this.db.prepare(`SELECT ${COLS} FROM workflow_versions WHERE workflow_id = ? ORDER BY created_at DESC, id DESC LIMIT 1`).get(workflowId) as VersionRow | undefined;
  }

  get(id: number): VersionRow | undefined {
    return this.db.prepare(`SELECT ${COLS} FROM workflow_versions WHERE id = ?`).get(id) as VersionRow | undefined;
  }

  has(workflowId: number, contentHash: string, createdAt: number): boolean {
    return this.db.prepare('SELECT 1 FROM workflow_versions WHERE workflow_id = ? AND content_hash = ? AND created_at = ?')
      .get(workflowId, contentHash, createdAt) !== undefined;
  }

  insert(v: Omit<VersionRow, 'id'>): number {
    return Number(this.db.prepare(
      `INSERT INTO workflow_versions (workflow_id, content_hash, definition_json, vendor_version_id, author, source, created_at)
       VALUES (@workflowId, @contentHash, @definitionJson, @vendorVersionId, @author, @source, @createdAt)`,
    ).run(v).lastInsertRowid);
  }

  /**
   * Changes in [from, to) for chart markers, newest first: versions after a workflow's first (the first is when
   * Flowdeck started watching, not a change), with their number and the workflow's name.
   */
  markers(from: number, to: number, limit: number): { versionId: number; workflowId: number; workflowName: string; number: number; at: number }[] {
    return this.db.prepare(
      `SELECT v.id AS versionId, v.workflow_id AS workflowId, w.name AS workflowName, v.created_at AS at,
         (SELECT count(*) FROM workflow_versions p WHERE p.workflow_id = v.workflow_id AND (p.created_at < v.created_at OR (p.created_at = v.created_at AND p.id <= v.id))) AS number
       FROM workflow_versions v JOIN workflows w ON w.id = v.workflow_id
       WHERE v.created_at >= ? AND v.created_at < ? AND EXISTS (SELECT 1 FROM workflow_versions e WHERE e.workflow_id = v.workflow_id
         AND (e.created_at < v.created_at OR (e.created_at = v.created_at AND e.id < v.id)))
       ORDER BY v.created_at DESC, v.id DESC LIMIT ?`,
    ).all(from, to, limit) as { versionId: number; workflowId: number; workflowName: string; number: number; at: number }[];
  }

  /** Version counts per workflow. */
  counts(): Map<number, number> {
    const rows = this.db.prepare('SELECT workflow_id AS id, count(*) AS n FROM workflow_versions GROUP BY workflow_id').all() as { id: number; n: number }[];
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  notes(versionIds: readonly number[]): NoteRow[] {
    if (!versionIds.length) return [];
    return this.db.prepare(
      `SELECT id, version_id AS versionId, at, author, text FROM workflow_version_notes
       WHERE version_id IN (SELECT value FROM json_each(?)) ORDER BY at, id`,
    ).all(JSON.stringify(versionIds)) as NoteRow[];
  }

  hasNote(versionId: number, at: number, author: string, text: string): boolean {
    return this.db.prepare('SELECT 1 FROM workflow_version_notes WHERE version_id = ? AND at = ? AND author = ? AND text = ?')
      .get(versionId, at, author, text) !== undefined;
  }

  addNote(versionId: number, at: number, author: string, text: string): number {
    return Number(this.db.prepare('INSERT INTO workflow_version_notes (version_id, at, author, text) VALUES (?, ?, ?, ?)')
      .run(versionId, at, author, text).lastInsertRowid);
  }
}
