import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from './db.ts';

/**
 * SQL for pushed runs (migration 0003_push.sql): heartbeat monitors, open starts, the ping log and the idempotency
 * keys of signed webhooks. It sits beside the receiver rather than in core/store/ because only core/push uses it.
 */
export interface PushMonitorRow {
  slug: string;
  connectorId: string;
  name: string;
  createdAt: number;
  createdBy: string;
  lastPingAt: number | null;
  lastPingKind: string | null;
  pings: number;
  /** The monitor's own unguessable ping URL: /ping/<uuid>. */
  pingUuid: string | null;
}

export interface OpenStart {
  runExternalId: string;
  rid: string | null;
  startedAt: number;
}

export interface NewPing {
  slug: string;
  runExternalId: string | null;
  at: number;
  kind: string;
  exitCode: number | null;
  rid: string | null;
  method: string;
  body: string | null;
  bodyTruncated: boolean;
}

export interface ConnectorRef {
  id: string;
  kind: string;
  name: string;
  cursor: string | null;
  removed: boolean;
}

/** Pings kept per monitor (the oldest are pruned). */
export const PINGS_KEPT = 1000;

const MONITOR = `SELECT slug, connector_id AS connectorId, name, created_at AS createdAt, created_by AS createdBy,
  last_ping_at AS lastPingAt, last_ping_kind AS lastPingKind, pings, ping_uuid AS pingUuid FROM push_monitors`;

export class PushRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** Runs `fn` in one transaction that takes the write lock up front (a ping or a hook with its run: all or nothing). */
  write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  connector(id: string): ConnectorRef | undefined {
    const row = this.db.prepare('SELECT id, kind, name, cursor, removed_at AS removedAt FROM connectors WHERE id = ?')
      .get(id) as (Omit<ConnectorRef, 'removed'> & { removedAt: number | null }) | undefined;
    if (!row) return undefined;
    const { removedAt, ...rest } = row;
    return { ...rest, removed: removedAt !== null };
  }

  /** The first live push connector (auto-created monitors go there). */
  firstPushConnector(): string | null {
    const row = this.db.prepare(`SELECT id FROM connectors WHERE kind = 'push' AND removed_at IS NULL ORDER BY created_at, id LIMIT 1`)
      .get() as { id: string } | undefined;
    return row?.id ?? null;
  }

  monitor(slug: string): PushMonitorRow | undefined {
    return this.db.prepare(`${MONITOR} WHERE slug = ?`).get(slug) as PushMonitorRow | undefined;
  }

  monitors(connectorId: string): PushMonitorRow[] {
    return this.db.prepare(`${MONITOR} WHERE connector_id = ? ORDER BY slug`).all(connectorId) as PushMonitorRow[];
  }

  /** The ledger workflow a monitor's runs belong to (workflow external id = slug). */
  workflowId(connectorId: string, slug: string): number | null {
    const row = this.db.prepare('SELECT id FROM workflows WHERE connector_id = ? AND external_id = ?').get(connectorId, slug) as { id: number } | undefined;
    return row?.id ?? null;
  }

  /** Creates a monitor with a random ping UUID, and its connector's ping key when it has none yet. */
  createMonitor(m: { slug: string; connectorId: string; name: string; createdBy: string }, now: number): void {
    this.db.prepare('INSERT INTO push_monitors (slug, connector_id, name, created_at, created_by, ping_uuid) VALUES (?, ?, ?, ?, ?, ?)')
      .run(m.slug, m.connectorId, m.name, now, m.createdBy, randomUUID());
    this.db.prepare('INSERT OR IGNORE INTO push_ping_keys (connector_id, ping_key, created_at) VALUES (?, ?, ?)')
      .run(m.connectorId, randomBytes(16).toString('base64url'), now);
  }

  monitorByUuid(uuid: string): PushMonitorRow | undefined {
    return this.db.prepare(`${MONITOR} WHERE ping_uuid = ?`).get(uuid.toLowerCase()) as PushMonitorRow | undefined;
  }

  /** The push connector a ping key belongs to, or null. */
  connectorOfPingKey(key: string): string | null {
    const row = this.db.prepare('SELECT connector_id AS id FROM push_ping_keys WHERE ping_key = ?').get(key) as { id: string } | undefined;
    return row?.id ?? null;
  }

  pingKey(connectorId: string): string | null {
    const row = this.db.prepare('SELECT ping_key AS key FROM push_ping_keys WHERE connector_id = ?').get(connectorId) as { key: string } | undefined;
    return row?.key ?? null;
  }

  /** The path after /ping/ that snippets show: `<ping-key>/<slug>` (the bare slug only if the key is missing). */
  pingPath(m: { connectorId: string; slug: string }): string {
    const key = this.pingKey(m.connectorId);
    return key ? `${key}/${m.slug}` : m.slug;
  }

  touchMonitor(slug: string, at: number, kind: string): void {
    this.db.prepare('UPDATE push_monitors SET last_ping_at = ?, last_ping_kind = ?, pings = pings + 1 WHERE slug = ?').run(at, kind, slug);
  }

  openStarts(slug: string): OpenStart[] {
    return this.db.prepare(`SELECT run_external_id AS runExternalId, rid, started_at AS startedAt FROM push_open_starts
      WHERE slug = ? ORDER BY started_at DESC, rowid DESC`).all(slug) as OpenStart[];
  }

  openStart(slug: string, start: OpenStart): void {
    this.db.prepare('INSERT INTO push_open_starts (slug, run_external_id, rid, started_at) VALUES (?, ?, ?, ?)')
      .run(slug, start.runExternalId, start.rid, start.startedAt);
  }

  closeStart(slug: string, runExternalId: string): void {
    this.db.prepare('DELETE FROM push_open_starts WHERE slug = ? AND run_external_id = ?').run(slug, runExternalId);
  }

  insertPing(p: NewPing): void {
    this.db.prepare(`INSERT INTO push_pings (slug, run_external_id, at, kind, exit_code, rid, method, body, body_truncated)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(p.slug, p.runExternalId, p.at, p.kind, p.exitCode, p.rid, p.method, p.body, p.bodyTruncated ? 1 : 0);
    this.db.prepare(`DELETE FROM push_pings WHERE slug = ? AND id <= (
      SELECT id FROM push_pings WHERE slug = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`).run(p.slug, p.slug, PINGS_KEPT);
  }

  pingsOfRun(runExternalId: string): NewPing[] {
    return (this.db.prepare(`SELECT slug, run_external_id AS runExternalId, at, kind, exit_code AS exitCode, rid, method, body,
      body_truncated AS bodyTruncated FROM push_pings WHERE run_external_id = ? ORDER BY id`).all(runExternalId) as (Omit<NewPing, 'bodyTruncated'> & { bodyTruncated: number })[])
      .map((p) => ({ ...p, bodyTruncated: p.bodyTruncated === 1 }));
  }

  /** The body hash a key was first seen with, if it was. */
  /** An earlier ping of this monitor with the same rid and signal (a sender's retry), if any. */
  pingWithRid(slug: string, rid: string, kind: string, exitCode: number | null): { runExternalId: string | null } | undefined {
    return this.db.prepare(`SELECT run_external_id AS runExternalId FROM push_pings
      WHERE slug = ? AND rid = ? AND kind = ? AND exit_code IS ? LIMIT 1`).get(slug, rid, kind, exitCode) as { runExternalId: string | null } | undefined;
  }

  delivery(connectorId: string, key: string): { bodySha256: string; runExternalId: string } | undefined {
    return this.db.prepare(`SELECT body_sha256 AS bodySha256, run_external_id AS runExternalId FROM push_deliveries
      WHERE connector_id = ? AND idempotency_key = ?`).get(connectorId, key) as { bodySha256: string; runExternalId: string } | undefined;
  }

  insertDelivery(d: { connectorId: string; key: string; bodySha256: string; runExternalId: string }, now: number): void {
    this.db.prepare(`INSERT INTO push_deliveries (connector_id, idempotency_key, body_sha256, run_external_id, received_at)
      VALUES (?, ?, ?, ?, ?)`).run(d.connectorId, d.key, d.bodySha256, d.runExternalId, now);
  }
}
