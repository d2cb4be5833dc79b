import type { ExpectedSchedule } from '../contract/alerts.ts';
import type { RegistryMetadata } from '../contract/registry.ts';
import type { Db } from './db.ts';
import { WorkflowRows } from './workflow-rows.ts';

/** A workflow as the registry sees it: ledger row, vendor definition and the team's metadata. */
export interface RegistryWorkflow {
  workflowId: number;
  connectorId: string;
  vendor: string;
  externalId: string;
  name: string;
  active: boolean;
  archived: boolean;
  createdAt: number;
  definitionJson: string | null;
  definitionHash: string | null;
  vendorVersionId: string | null;
  deepLink: string | null;
  vendorTags: string[];
  listedAt: number | null;
  connectorListedAt: number | null;
  goneAt: number | null;
  seenDefinitionHash: string | null;
  metadata: RegistryMetadata;
}

export interface RunStats { lastRunAt: number | null; runs: number; failed: number; everRan: boolean }

interface Raw {
  workflowId: number; connectorId: string; vendor: string; externalId: string; name: string; active: number; archived: number;
  createdAt: number; definitionJson: string | null; definitionHash: string | null; vendorVersionId: string | null; deepLink: string | null;
  tagsJson: string; listedAt: number | null; connectorListedAt: number | null; goneAt: number | null; seenDefinitionHash: string | null;
  owner: string | null; purpose: string | null; runbook: string | null; environment: string | null; criticality: string | null;
  regTagsJson: string | null; scheduleJson: string | null;
}

const SELECT = `SELECT w.id AS workflowId, w.connector_id AS connectorId, c.kind AS vendor, w.external_id AS externalId, w.name,
  w.active, w.archived, w.created_at AS createdAt, w.definition_json AS definitionJson, w.definition_hash AS definitionHash,
  w.vendor_version_id AS vendorVersionId, w.deep_link AS deepLink, w.tags_json AS tagsJson, w.listed_at AS listedAt,
  c.workflows_listed_at AS connectorListedAt, r.gone_at AS goneAt, r.seen_definition_hash AS seenDefinitionHash,
  r.owner, r.purpose, r.runbook, r.environment, r.criticality, r.tags_json AS regTagsJson, r.expected_schedule_json AS scheduleJson
  FROM workflows w JOIN connectors c ON c.id = w.connector_id LEFT JOIN workflow_registry r ON r.workflow_id = w.id`;

function fromRaw(r: Raw): RegistryWorkflow {
  return {
    workflowId: r.workflowId, connectorId: r.connectorId, vendor: r.vendor, externalId: r.externalId, name: r.name,
    active: r.active === 1, archived: r.archived === 1 || r.goneAt !== null, createdAt: r.createdAt, definitionJson: r.definitionJson,
    definitionHash: r.definitionHash, vendorVersionId: r.vendorVersionId, deepLink: r.deepLink, vendorTags: JSON.parse(r.tagsJson) as string[],
    listedAt: r.listedAt, connectorListedAt: r.connectorListedAt, goneAt: r.goneAt, seenDefinitionHash: r.seenDefinitionHash,
    metadata: {
      owner: r.owner, purpose: r.purpose, runbook: r.runbook,
      environment: r.environment as RegistryMetadata['environment'], criticality: r.criticality as RegistryMetadata['criticality'],
      tags: r.regTagsJson ? JSON.parse(r.regTagsJson) as string[] : [],
      expectedSchedule: r.scheduleJson ? JSON.parse(r.scheduleJson) as ExpectedSchedule : null,
    },
  };
}

export const EMPTY_METADATA: RegistryMetadata = {
  owner: null, purpose: null, runbook: null, environment: null, criticality: null, tags: [], expectedSchedule: null,
};

/** Registry metadata (workflow_registry, migration 0006) joined with the ledger's workflows and runs. */
export class RegistryRepo {
  private readonly db: Db;
  private rows: WorkflowRows | null = null;

  constructor(db: Db) {
    this.db = db;
  }

  list(connectorId?: string): RegistryWorkflow[] {
    return (this.db.prepare(`${SELECT} ${connectorId ? 'WHERE w.connector_id = ?' : ''} ORDER BY w.name, w.id`)
      .all(...(connectorId ? [connectorId] : [])) as Raw[]).map(fromRaw);
  }

  get(workflowId: number): RegistryWorkflow | undefined {
    const r = this.db.prepare(`${SELECT} WHERE w.id = ?`).get(workflowId) as Raw | undefined;
    return r && fromRaw(r);
  }

  find(connectorId: string, externalId: string): RegistryWorkflow | undefined {
    const r = this.db.prepare(`${SELECT} WHERE w.connector_id = ? AND w.external_id = ?`).get(connectorId, externalId) as Raw | undefined;
    return r && fromRaw(r);
  }

  saveMetadata(workflowId: number, m: RegistryMetadata, actor: string, now: number): void {
    this.db.prepare(
      `INSERT INTO workflow_registry (workflow_id, owner, purpose, runbook, environment, criticality, tags_json, expected_schedule_json, updated_at, updated_by)
       VALUES (@workflowId, @owner, @purpose, @runbook, @environment, @criticality, @tagsJson, @scheduleJson, @now, @actor)
       ON CONFLICT (workflow_id) DO UPDATE SET owner = excluded.owner, purpose = excluded.purpose, runbook = excluded.runbook,
         environment = excluded.environment, criticality = excluded.criticality, tags_json = excluded.tags_json,
         expected_schedule_json = excluded.expected_schedule_json, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run({
      workflowId, owner: m.owner, purpose: m.purpose, runbook: m.runbook, environment: m.environment, criticality: m.criticality,
      tagsJson: JSON.stringify(m.tags), scheduleJson: m.expectedSchedule ? JSON.stringify(m.expectedSchedule) : null, now, actor,
    });
  }

  /** The owner's estimate of the minutes one run saves (null: none); the reports turn it into hours saved. */
  setMinutesSaved(workflowId: number, minutes: number | null, actor: string, now: number): void {
    this.db.prepare(`INSERT INTO workflow_registry (workflow_id, minutes_saved_per_run, updated_at, updated_by) VALUES (?, ?, ?, ?)
      ON CONFLICT (workflow_id) DO UPDATE SET minutes_saved_per_run = excluded.minutes_saved_per_run, updated_at = excluded.updated_at,
        updated_by = excluded.updated_by`).run(workflowId, minutes, now, actor);
  }

  /** Registry bookkeeping: the definition hash last versioned and whether the vendor still lists it. */
  markSeen(workflowId: number, seenHash: string | null, goneAt: number | null, now: number): void {
    this.db.prepare(
      `INSERT INTO workflow_registry (workflow_id, seen_definition_hash, gone_at, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (workflow_id) DO UPDATE SET seen_definition_hash = excluded.seen_definition_hash, gone_at = excluded.gone_at`,
    ).run(workflowId, seenHash, goneAt, now);
  }

  /** The vendor's answer to a restore, stored like a listing of this one workflow (WorkflowRows writes it). */
  storeDefinition(workflowId: number, d: { name: string; definitionJson: string; hash: string; vendorVersionId: string | null }, now: number): void {
    this.workflowRows().storeDefinition(workflowId, d, now);
  }

  /** Expected schedules the team set, for the missed-run monitor. */
  expectedSchedules(): Map<number, ExpectedSchedule> {
    const rows = this.db.prepare('SELECT workflow_id AS id, expected_schedule_json AS s FROM workflow_registry WHERE expected_schedule_json IS NOT NULL')
      .all() as { id: number; s: string }[];
    return new Map(rows.map((r) => [r.id, JSON.parse(r.s) as ExpectedSchedule]));
  }

  /** Runs since `since` and the last run ever, per workflow. */
  runStats(since: number): Map<number, RunStats> {
    const rows = this.db.prepare(
      `SELECT w.id AS id, (SELECT max(started_at) FROM runs r WHERE r.workflow_id = w.id) AS lastRunAt,
         (SELECT count(*) FROM runs r WHERE r.workflow_id = w.id AND r.started_at >= @since) AS runs,
         (SELECT count(*) FROM runs r WHERE r.workflow_id = w.id AND r.started_at >= @since AND r.status = 'failed') AS failed
       FROM workflows w`,
    ).all({ since }) as { id: number; lastRunAt: number | null; runs: number; failed: number }[];
    return new Map(rows.map((r) => [r.id, { lastRunAt: r.lastRunAt, runs: r.runs, failed: r.failed, everRan: r.lastRunAt !== null }]));
  }

  /** Terminal runs of one workflow in [from, to): start time and whether it failed (for correlation and the chart). */
  runsBetween(workflowId: number, from: number, to: number): { at: number; failed: boolean }[] {
    return (this.db.prepare(
      `SELECT started_at AS at, status = 'failed' AS failed FROM runs WHERE workflow_id = ? AND started_at >= ? AND started_at < ?
       AND status IN ('success', 'warning', 'failed') ORDER BY started_at`,
    ).all(workflowId, from, to) as { at: number; failed: number }[]).map((r) => ({ at: r.at, failed: r.failed === 1 }));
  }

  /** A workflow row for an imported file whose connector exists but never listed it here. */
  createWorkflow(connectorId: string, externalId: string, name: string, now: number): number {
    return this.workflowRows().createPlaceholder(connectorId, externalId, name, now);
  }

  private workflowRows(): WorkflowRows {
    this.rows ??= new WorkflowRows(this.db);
    return this.rows;
  }

  connectorExists(connectorId: string): boolean {
    return this.db.prepare('SELECT 1 FROM connectors WHERE id = ?').get(connectorId) !== undefined;
  }
}
