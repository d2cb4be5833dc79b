import type { AlertRule, ChannelConfig, ChannelKind, NotifyChannel, RuleDraft } from '../contract/alerts.ts';
import type { Db } from './db.ts';

interface RuleRow {
  id: number; name: string; enabled: number; muted: number; severity: AlertRule['severity'];
  scope: string; condition: string; routing: string; createdAt: number; updatedAt: number;
}
interface ChannelRow {
  id: number; kind: ChannelKind; name: string; enabled: number; config: string; secretRef: string | null;
  lastSuccessAt: number | null; lastFailureAt: number | null; lastError: string | null; pending: number;
}

export interface ChannelRecord extends NotifyChannel {
  secretRef: string | null;
}

const RULE = `SELECT id, name, enabled, muted, severity, scope_json AS scope, condition_json AS condition, routing_json AS routing,
  created_at AS createdAt, updated_at AS updatedAt FROM alert_rules`;
const CHANNEL = `SELECT c.id, c.kind, c.name, c.enabled, c.config_json AS config, c.secret_ref AS secretRef,
  c.last_success_at AS lastSuccessAt, c.last_failure_at AS lastFailureAt, c.last_error AS lastError,
  (SELECT count(*) FROM deliveries d WHERE d.channel_id = c.id AND d.status = 'pending') AS pending FROM notify_channels c`;

function rule(r: RuleRow): AlertRule {
  return {
    id: r.id, name: r.name, enabled: r.enabled === 1, muted: r.muted === 1, severity: r.severity,
    scope: JSON.parse(r.scope) as AlertRule['scope'], condition: JSON.parse(r.condition) as AlertRule['condition'],
    routing: JSON.parse(r.routing) as AlertRule['routing'], createdAt: r.createdAt, updatedAt: r.updatedAt,
  };
}

function channel(r: ChannelRow): ChannelRecord {
  return {
    id: r.id, kind: r.kind, name: r.name, enabled: r.enabled === 1, config: JSON.parse(r.config) as ChannelConfig,
    hasSecret: r.secretRef !== null, secretRef: r.secretRef, lastSuccessAt: r.lastSuccessAt, lastFailureAt: r.lastFailureAt,
    lastError: r.lastError, pendingDeliveries: r.pending,
  };
}

/** Alert rules and notification channels. */
export class AlertsRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  listRules(): AlertRule[] {
    return (this.db.prepare(`${RULE} ORDER BY id`).all() as RuleRow[]).map(rule);
  }

  getRule(id: number): AlertRule | undefined {
    const r = this.db.prepare(`${RULE} WHERE id = ?`).get(id) as RuleRow | undefined;
    return r && rule(r);
  }

  saveRule(id: number | undefined, d: RuleDraft, now: number): AlertRule {
    const values = [d.name, d.enabled ? 1 : 0, d.muted ? 1 : 0, d.severity, JSON.stringify(d.scope), JSON.stringify(d.condition), JSON.stringify(d.routing)];
    if (id === undefined) {
      const info = this.db.prepare(`INSERT INTO alert_rules (name, enabled, muted, severity, scope_json, condition_json, routing_json, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...values, now, now);
      id = Number(info.lastInsertRowid);
    } else {
      this.db.prepare(`UPDATE alert_rules SET name = ?, enabled = ?, muted = ?, severity = ?, scope_json = ?, condition_json = ?, routing_json = ?,
        updated_at = ? WHERE id = ?`).run(...values, now, id);
    }
    return this.getRule(id)!;
  }

  deleteRule(id: number): boolean {
    return this.db.prepare('DELETE FROM alert_rules WHERE id = ?').run(id).changes > 0;
  }

  listChannels(): ChannelRecord[] {
    return (this.db.prepare(`${CHANNEL} ORDER BY c.name`).all() as ChannelRow[]).map(channel);
  }

  getChannel(id: number): ChannelRecord | undefined {
    const r = this.db.prepare(`${CHANNEL} WHERE c.id = ?`).get(id) as ChannelRow | undefined;
    return r && channel(r);
  }

  saveChannel(c: { id?: number | undefined; kind: ChannelKind; name: string; enabled: boolean; config: ChannelConfig; secretRef?: string | null }, now: number): ChannelRecord {
    let id = c.id;
    if (id === undefined) {
      id = Number(this.db.prepare('INSERT INTO notify_channels (kind, name, enabled, config_json, secret_ref, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(c.kind, c.name, c.enabled ? 1 : 0, JSON.stringify(c.config), c.secretRef ?? null, now).lastInsertRowid);
    } else {
      this.db.prepare('UPDATE notify_channels SET kind = ?, name = ?, enabled = ?, config_json = ? WHERE id = ?')
        .run(c.kind, c.name, c.enabled ? 1 : 0, JSON.stringify(c.config), id);
      if (c.secretRef !== undefined) this.db.prepare('UPDATE notify_channels SET secret_ref = ? WHERE id = ?').run(c.secretRef, id);
    }
    return this.getChannel(id)!;
  }

  deleteChannel(id: number): boolean {
    return this.db.prepare('DELETE FROM notify_channels WHERE id = ?').run(id).changes > 0;
  }

  /** Records the outcome of the last delivery attempt so Settings can show a failing channel and why. */
  markChannel(id: number, ok: boolean, error: string | null, now: number): void {
    if (ok) this.db.prepare('UPDATE notify_channels SET last_success_at = ?, last_error = NULL WHERE id = ?').run(now, id);
    else this.db.prepare('UPDATE notify_channels SET last_failure_at = ?, last_error = ? WHERE id = ?').run(now, error, id);
  }
}
