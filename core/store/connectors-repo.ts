import type { ConnectorKind, ConnectorSummary } from '../contract/catalog.ts';
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

export class ConnectorsRepo {
  private readonly db: Db;

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
