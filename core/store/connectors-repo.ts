import type { ConnectorKind, ConnectorSummary } from '../contract/catalog.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';

export interface NewConnector {
  id: string;
  kind: ConnectorKind;
  name: string;
  baseUrl?: string | null;
  secretRef?: string | null;
  config?: Record<string, unknown>;
}

export interface ConnectorRow extends ConnectorSummary {
  baseUrl: string | null;
  secretRef: string | null;
  cursor: string | null;
  config: Record<string, unknown>;
  paused: boolean;
  createdAt: number;
}

interface RawRow {
  id: string; kind: ConnectorKind; name: string; baseUrl: string | null; secretRef: string | null; configJson: string;
  cursor: string | null; health: ConnectorSummary['health']; healthMessage: string | null; paused: number;
  lastIngestAt: number | null; createdAt: number; runCount: number;
}

const SELECT = `SELECT c.id, c.kind, c.name, c.base_url AS baseUrl, c.secret_ref AS secretRef, c.config_json AS configJson,
  c.cursor, c.health, c.health_message AS healthMessage, c.paused, c.last_ingest_at AS lastIngestAt,
  c.created_at AS createdAt, (SELECT count(*) FROM runs r WHERE r.connector_id = c.id) AS runCount
  FROM connectors c`;

function fromRaw(r: RawRow): ConnectorRow {
  const { configJson, paused, ...rest } = r;
  return { ...rest, config: JSON.parse(configJson) as Record<string, unknown>, paused: paused === 1 };
}

export interface PollRecord {
  at: number;
  nextPollAt: number | null;
  ok: boolean;
  /** Plain-words error of a failed cycle (null when it succeeded). */
  error: string | null;
  consecutiveFailures: number;
  runsInserted: number;
  firstSyncDone: boolean;
}

/** The one writer of the `connectors` table (ConnectorSyncRepo and ingest call it for polling bookkeeping and cursors). */
export class ConnectorsRepo {
  private readonly db: Db;
  private cursorStatement: Statement<[string | null, number, string]> | null = null;

  constructor(db: Db) {
    this.db = db;
  }

  create(c: NewConnector, now: number): void {
    this.db.prepare(
      `INSERT INTO connectors (id, kind, name, base_url, secret_ref, config_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(c.id, c.kind, c.name, c.baseUrl ?? null, c.secretRef ?? null, JSON.stringify(c.config ?? {}), now);
  }

  list(): ConnectorRow[] {
    return (this.db.prepare(`${SELECT} ORDER BY c.name`).all() as RawRow[]).map(fromRaw);
  }

  get(id: string): ConnectorRow | undefined {
    const r = this.db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as RawRow | undefined;
    return r && fromRaw(r);
  }

  byName(name: string): ConnectorRow | undefined {
    const r = this.db.prepare(`${SELECT} WHERE c.name = ?`).get(name) as RawRow | undefined;
    return r && fromRaw(r);
  }

  /** Points a connector elsewhere: name, address (kept when null), options and credential reference. */
  repoint(id: string, details: { name: string; baseUrl: string | null; config: Record<string, unknown>; secretRef: string | null }): void {
    this.db.prepare('UPDATE connectors SET name = ?, base_url = COALESCE(?, base_url), config_json = ?, secret_ref = ? WHERE id = ?')
      .run(details.name, details.baseUrl, JSON.stringify(details.config), details.secretRef, id);
  }

  recordPoll(id: string, p: PollRecord): void {
    this.db.prepare(
      `UPDATE connectors SET last_poll_at = @at, next_poll_at = @nextPollAt,
         last_success_at = CASE WHEN @ok = 1 THEN @at ELSE last_success_at END,
         last_error = @error, consecutive_failures = @consecutiveFailures,
         runs_ingested = runs_ingested + @runsInserted, first_sync_done = max(first_sync_done, @firstSyncDone)
       WHERE id = @id`,
    ).run({ ...p, id, ok: p.ok ? 1 : 0, firstSyncDone: p.firstSyncDone ? 1 : 0 });
  }

  setNextPoll(id: string, at: number | null): void {
    this.db.prepare('UPDATE connectors SET next_poll_at = ? WHERE id = ?').run(at, id);
  }

  /** Forgets the high-water mark: the next poll starts over (ingest is idempotent, so nothing doubles). */
  resetCursor(id: string): void {
    this.db.prepare('UPDATE connectors SET cursor = NULL WHERE id = ?').run(id);
  }

  /** Ingest stores the cursor with its page; throws for an unknown connector (the page then rolls back). */
  storeCursor(id: string, cursor: string | null, now: number): void {
    this.cursorStatement ??= this.db.prepare<[string | null, number, string]>('UPDATE connectors SET cursor = ?, last_ingest_at = ? WHERE id = ?');
    const info = this.cursorStatement.run(cursor, now, id);
    if (info.changes !== 1) throw new Error(`Unknown connector ${id}: ingest needs a registered connector`);
  }

  setPaused(id: string, paused: boolean): void {
    this.db.prepare('UPDATE connectors SET paused = ? WHERE id = ?').run(paused ? 1 : 0, id);
  }

  setSecretRef(id: string, ref: string | null): void {
    this.db.prepare('UPDATE connectors SET secret_ref = ? WHERE id = ?').run(ref, id);
  }

  /** Soft removal: the row (and so every run) stays, renamed so the name can be used again. */
  markRemoved(id: string, newName: string, at: number): void {
    this.db.prepare(
      `UPDATE connectors SET removed_at = ?, name = ?, secret_ref = NULL, paused = 1, next_poll_at = NULL WHERE id = ?`,
    ).run(at, newName, id);
  }

  markWorkflowsListed(id: string, now: number): void {
    this.db.prepare('UPDATE connectors SET workflows_listed_at = ? WHERE id = ?').run(now, id);
  }

  setHealth(id: string, health: ConnectorSummary['health'], message: string | null): void {
    this.db.prepare('UPDATE connectors SET health = ?, health_message = ? WHERE id = ?').run(health, message, id);
  }

  count(): number {
    // Removed connectors keep their row (their runs stay) but no longer count (migration 0002).
    return (this.db.prepare('SELECT count(*) AS n FROM connectors WHERE removed_at IS NULL').get() as { n: number }).n;
  }

  lastIngestAt(): number | null {
    return (this.db.prepare('SELECT max(last_ingest_at) AS t FROM connectors').get() as { t: number | null }).t;
  }
}
