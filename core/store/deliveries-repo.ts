import type { Delivery } from '../contract/alerts.ts';
import type { Db } from './db.ts';

export interface DeliveryRow {
  id: number;
  channelId: number;
  incidentId: number | null;
  kind: string;
  message: string;
  attempts: number;
}

/** The outbox of notifications: each row is retried with backoff until it is sent or gives up. */
export class DeliveriesRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  enqueue(d: { channelId: number; incidentId: number | null; kind: string; message: unknown }, now: number): number {
    return Number(this.db.prepare(`INSERT INTO deliveries (channel_id, incident_id, kind, message_json, status, next_attempt_at, created_at)
      VALUES (?, ?, ?, ?, 'pending', ?, ?)`).run(d.channelId, d.incidentId, d.kind, JSON.stringify(d.message), now, now).lastInsertRowid);
  }

  due(now: number, limit = 50): DeliveryRow[] {
    return this.db.prepare(`SELECT id, channel_id AS channelId, incident_id AS incidentId, kind, message_json AS message, attempts
      FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`).all(now, limit) as DeliveryRow[];
  }

  nextDueAt(): number | null {
    return (this.db.prepare(`SELECT min(next_attempt_at) AS t FROM deliveries WHERE status = 'pending'`).get() as { t: number | null }).t;
  }

  markSent(id: number, now: number): void {
    this.db.prepare(`UPDATE deliveries SET status = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL WHERE id = ?`).run(now, id);
  }

  /** A failed attempt: try again at `retryAt`, or give up (status failed) when it is null. */
  markFailed(id: number, error: string, retryAt: number | null): void {
    this.db.prepare(`UPDATE deliveries SET attempts = attempts + 1, last_error = ?, status = ?, next_attempt_at = coalesce(?, next_attempt_at) WHERE id = ?`)
      .run(error, retryAt === null ? 'failed' : 'pending', retryAt, id);
  }

  forIncident(incidentId: number): Delivery[] {
    return this.db.prepare(`SELECT d.id, d.channel_id AS channelId, c.name AS channelName, d.kind, d.status, d.attempts,
      d.last_error AS lastError, d.created_at AS createdAt, d.sent_at AS sentAt
      FROM deliveries d JOIN notify_channels c ON c.id = d.channel_id WHERE d.incident_id = ? ORDER BY d.id`).all(incidentId) as Delivery[];
  }

  all(): (Delivery & { incidentId: number | null })[] {
    return this.db.prepare(`SELECT d.id, d.channel_id AS channelId, c.name AS channelName, d.incident_id AS incidentId, d.kind, d.status,
      d.attempts, d.last_error AS lastError, d.created_at AS createdAt, d.sent_at AS sentAt
      FROM deliveries d JOIN notify_channels c ON c.id = d.channel_id ORDER BY d.id`).all() as (Delivery & { incidentId: number | null })[];
  }
}
