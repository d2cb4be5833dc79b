import type { Incident, IncidentEvent, Severity } from '../contract/alerts.ts';
import type { Db } from './db.ts';
import { StatementCache } from './statements.ts';

export interface IncidentRecord extends Incident {
  clearSince: number | null;
}

const SELECT = `SELECT i.id, i.rule_id AS ruleId, coalesce(r.name, '(deleted rule)') AS ruleName,
  coalesce(json_extract(r.condition_json, '$.kind'), '') AS conditionKind, i.target, i.target_name AS targetName,
  i.workflow_id AS workflowId, i.connector_id AS connectorId, i.severity, i.status, i.summary, i.run_ids_json AS runIdsJson,
  i.opened_at AS openedAt, i.acknowledged_at AS acknowledgedAt, i.acknowledged_by AS acknowledgedBy, i.resolved_at AS resolvedAt,
  i.resolved_by AS resolvedBy, i.clear_since AS clearSince, i.snoozed_until AS snoozedUntil, i.last_notified_at AS lastNotifiedAt,
  i.reminders, i.escalated_at AS escalatedAt, i.flaps,
  coalesce((SELECT deep_link FROM runs WHERE id = json_extract(i.run_ids_json, '$[#-1]')),
    (SELECT deep_link FROM workflows WHERE id = i.workflow_id)) AS deepLink
  FROM incidents i LEFT JOIN alert_rules r ON r.id = i.rule_id`;

type Raw = Omit<IncidentRecord, 'runIds'> & { runIdsJson: string };
const row = ({ runIdsJson, ...r }: Raw): IncidentRecord => ({ ...r, runIds: JSON.parse(runIdsJson) as number[] });

export type IncidentPatch = Partial<Pick<IncidentRecord, 'status' | 'summary' | 'runIds' | 'severity' | 'acknowledgedAt' | 'acknowledgedBy' |
  'resolvedAt' | 'resolvedBy' | 'clearSince' | 'snoozedUntil' | 'lastNotifiedAt' | 'reminders' | 'escalatedAt' | 'flaps'>>;

const COLUMNS: Record<keyof IncidentPatch, string> = {
  status: 'status', summary: 'summary', runIds: 'run_ids_json', severity: 'severity', acknowledgedAt: 'acknowledged_at',
  acknowledgedBy: 'acknowledged_by', resolvedAt: 'resolved_at', resolvedBy: 'resolved_by', clearSince: 'clear_since',
  snoozedUntil: 'snoozed_until', lastNotifiedAt: 'last_notified_at', reminders: 'reminders', escalatedAt: 'escalated_at', flaps: 'flaps',
};

/** Incidents and their timelines. One open incident per rule and target (a unique partial index). */
export class IncidentsRepo {
  private readonly db: Db;

  private readonly statements: StatementCache;

  constructor(db: Db) {
    this.db = db;
    this.statements = new StatementCache(db);
  }

  open(i: { ruleId: number; target: string; targetName: string; workflowId: number | null; connectorId: string | null; severity: Severity; summary: string; runIds: number[] }, now: number): number {
    return Number(this.statements.get(`INSERT INTO incidents (rule_id, target, target_name, workflow_id, connector_id, severity, status, summary,
      run_ids_json, opened_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)`)
      .run(i.ruleId, i.target, i.targetName, i.workflowId, i.connectorId, i.severity, i.summary, JSON.stringify(i.runIds), now, now).lastInsertRowid);
  }

  update(id: number, patch: IncidentPatch, now: number): void {
    const keys = Object.keys(patch) as (keyof IncidentPatch)[];
    if (!keys.length) return;
    const values = keys.map((k) => (k === 'runIds' ? JSON.stringify(patch[k]) : patch[k]));
    this.statements.get(`UPDATE incidents SET ${keys.map((k) => `${COLUMNS[k]} = ?`).join(', ')}, updated_at = ? WHERE id = ?`).run(...values, now, id);
  }

  get(id: number): IncidentRecord | undefined {
    const r = this.statements.get(`${SELECT} WHERE i.id = ?`).get(id) as Raw | undefined;
    return r && row(r);
  }

  /** Open and acknowledged incidents, plus those resolved after `resolvedSince` (flap detection). */
  current(resolvedSince: number): IncidentRecord[] {
    return (this.statements.get(`${SELECT} WHERE i.status <> 'resolved' OR i.resolved_at >= ? ORDER BY i.id`).all(resolvedSince) as Raw[]).map(row);
  }

  list(status: 'active' | 'resolved' | 'all', limit: number): IncidentRecord[] {
    const where = status === 'active' ? `WHERE i.status <> 'resolved'` : status === 'resolved' ? `WHERE i.status = 'resolved'` : '';
    return (this.statements.get(`${SELECT} ${where} ORDER BY (i.status = 'resolved'), CASE i.severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END,
      i.opened_at DESC LIMIT ?`).all(limit) as Raw[]).map(row);
  }

  /** The newest incidents by opening time, any status (the Overview's "Recent incidents"). */
  recent(limit: number): IncidentRecord[] {
    return (this.statements.get(`${SELECT} ORDER BY i.opened_at DESC, i.id DESC LIMIT ?`).all(limit) as Raw[]).map(row);
  }

  countOpen(): number {
    return (this.statements.get(`SELECT count(*) AS n FROM incidents WHERE status <> 'resolved'`).get() as { n: number }).n;
  }

  addEvent(incidentId: number, kind: string, actor: string | null, detail: string | null, now: number): void {
    this.statements.get('INSERT INTO incident_events (incident_id, at, kind, actor, detail) VALUES (?, ?, ?, ?, ?)').run(incidentId, now, kind, actor, detail);
  }

  events(incidentId: number): IncidentEvent[] {
    return this.statements.get('SELECT id, at, kind, actor, detail FROM incident_events WHERE incident_id = ? ORDER BY at, id').all(incidentId) as IncidentEvent[];
  }
}
