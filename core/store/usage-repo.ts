import type { Db } from './db.ts';
import { StatementCache } from './statements.ts';

const HOUR = 3_600_000;

/** A connector's plan as the owner typed it in (usage_plans). */
export interface UsagePlanRow {
  connectorId: string;
  measure: string;
  quota: number | null;
  billingDay: number;
  typedUsed: number | null;
  typedAt: number | null;
  updatedAt: number;
}

/** One workflow's use in a time window: runs counted (manual runs left out when asked), and the costs its runs carry. */
export interface WorkflowUsageRow {
  workflowId: number;
  name: string;
  runs: number;
  /** Sum of run_usage.units (null when no run carried a cost). */
  units: number | null;
  centicredits: number | null;
  /** Runs whose cost was estimated by Flowdeck rather than given by the vendor. */
  estimated: number;
}

export interface ConnectorRow { id: string; kind: string; name: string }

/** One workflow's use in one hour (epoch hour = floor(ms / 3 600 000)). */
export interface HourlyUsageRow { workflowId: number; connectorId: string; hour: number; runs: number; units: number | null }

/** Plans (the one writer of usage_plans) and the reads of what runs cost (run_usage is written by ingest). */
export class UsageRepo {
  private readonly s: StatementCache;

  constructor(db: Db) {
    this.s = new StatementCache(db);
  }

  plans(): UsagePlanRow[] {
    return this.s.get(`SELECT connector_id AS connectorId, measure, quota, billing_day AS billingDay, typed_used AS typedUsed,
      typed_at AS typedAt, updated_at AS updatedAt FROM usage_plans`).all() as UsagePlanRow[];
  }

  setPlan(p: UsagePlanRow): void {
    this.s.get(`INSERT INTO usage_plans (connector_id, measure, quota, billing_day, typed_used, typed_at, updated_at)
      VALUES (@connectorId, @measure, @quota, @billingDay, @typedUsed, @typedAt, @updatedAt)
      ON CONFLICT (connector_id) DO UPDATE SET measure = excluded.measure, quota = excluded.quota, billing_day = excluded.billing_day,
        typed_used = excluded.typed_used, typed_at = excluded.typed_at, updated_at = excluded.updated_at`).run(p);
  }

  connectors(): ConnectorRow[] {
    return this.s.get('SELECT id, kind, name FROM connectors ORDER BY name').all() as ConnectorRow[];
  }

  /** Each workflow's use of a connector over [from, to), busiest first. */
  byWorkflow(connectorId: string, from: number, to: number, leaveOutManual: boolean): WorkflowUsageRow[] {
    return this.s.get(`SELECT r.workflow_id AS workflowId, w.name AS name, COUNT(*) AS runs, SUM(u.units) AS units,
        SUM(u.centicredits) AS centicredits, COUNT(CASE WHEN u.exact = 0 THEN 1 END) AS estimated
      FROM runs r JOIN workflows w ON w.id = r.workflow_id LEFT JOIN run_usage u ON u.run_id = r.id
      WHERE r.connector_id = ? AND r.started_at >= ? AND r.started_at < ? AND (? = 0 OR r.mode IS NULL OR r.mode <> 'manual')
      GROUP BY r.workflow_id`).all(connectorId, from, to, leaveOutManual ? 1 : 0) as WorkflowUsageRow[];
  }

  /** The first run Flowdeck holds for a connector (how far back a rate can be read). */
  firstRunAt(connectorId: string): number | null {
    const row = this.s.get('SELECT MIN(started_at) AS at FROM runs WHERE connector_id = ?').get(connectorId) as { at: number | null };
    return row.at;
  }

  /** Every workflow's use per hour over [from, to). */
  hourly(from: number, to: number): HourlyUsageRow[] {
    return this.s.get(`SELECT r.workflow_id AS workflowId, r.connector_id AS connectorId, r.started_at / ${HOUR} AS hour,
        COUNT(*) AS runs, SUM(u.units) AS units
      FROM runs r INDEXED BY runs_by_time LEFT JOIN run_usage u ON u.run_id = r.id
      WHERE r.started_at >= ? AND r.started_at < ? GROUP BY r.workflow_id, hour`).all(from, to) as HourlyUsageRow[];
  }
}
