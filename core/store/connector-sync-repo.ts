import type { ConnectorKind, ConnectorSummary } from '../contract/catalog.ts';
import type { Db } from './db.ts';
import { ConnectorsRepo, type PollRecord } from './connectors-repo.ts';
import { WorkflowRows, type WorkflowUpsert } from './workflow-rows.ts';

type Health = ConnectorSummary['health'];

/** A connector with its polling state (migration 0002). */
export interface ConnectorState {
  id: string;
  kind: ConnectorKind;
  name: string;
  baseUrl: string | null;
  secretRef: string | null;
  config: Record<string, unknown>;
  cursor: string | null;
  health: Health;
  healthMessage: string | null;
  paused: boolean;
  lastIngestAt: number | null;
  createdAt: number;
  runCount: number;
  nextPollAt: number | null;
  lastPollAt: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  consecutiveFailures: number;
  runsIngested: number;
  firstSyncDone: boolean;
  workflowsListedAt: number | null;
  removedAt: number | null;
}

/** The outcome of one poll cycle, written in one statement. */
export type { PollRecord } from './connectors-repo.ts';

export type { WorkflowUpsert } from './workflow-rows.ts';

export interface WorkflowRef {
  id: number;
  connectorId: string;
  externalId: string;
  name: string;
  active: boolean;
}

interface RawState extends Omit<ConnectorState, 'config' | 'paused' | 'firstSyncDone'> {
  configJson: string;
  paused: number;
  firstSyncDone: number;
}

const SELECT = `SELECT c.id, c.kind, c.name, c.base_url AS baseUrl, c.secret_ref AS secretRef, c.config_json AS configJson,
  c.cursor, c.health, c.health_message AS healthMessage, c.paused, c.last_ingest_at AS lastIngestAt, c.created_at AS createdAt,
  (SELECT count(*) FROM runs r WHERE r.connector_id = c.id) AS runCount,
  c.next_poll_at AS nextPollAt, c.last_poll_at AS lastPollAt, c.last_success_at AS lastSuccessAt, c.last_error AS lastError,
  c.consecutive_failures AS consecutiveFailures, c.runs_ingested AS runsIngested, c.first_sync_done AS firstSyncDone,
  c.workflows_listed_at AS workflowsListedAt, c.removed_at AS removedAt
  FROM connectors c`;

function fromRaw(r: RawState): ConnectorState {
  const { configJson, paused, firstSyncDone, ...rest } = r;
  return { ...rest, config: JSON.parse(configJson) as Record<string, unknown>, paused: paused === 1, firstSyncDone: firstSyncDone === 1 };
}

/** Polling bookkeeping for connectors and the latest vendor definition of each workflow. */
export class ConnectorSyncRepo {
  private readonly db: Db;
  private readonly rows: WorkflowRows;
  private readonly connectorRows: ConnectorsRepo;

  constructor(db: Db) {
    this.db = db;
    this.rows = new WorkflowRows(db);
    this.connectorRows = new ConnectorsRepo(db);
  }

  /** Connectors that were not removed, by name. */
  listActive(): ConnectorState[] {
    return (this.db.prepare(`${SELECT} WHERE c.removed_at IS NULL ORDER BY c.name`).all() as RawState[]).map(fromRaw);
  }

  get(id: string): ConnectorState | undefined {
    const r = this.db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as RawState | undefined;
    return r && fromRaw(r);
  }

  /** An active (not removed) connector by name or id. */
  find(nameOrId: string): ConnectorState | undefined {
    const r = this.db.prepare(`${SELECT} WHERE c.removed_at IS NULL AND (c.name = ? OR c.id = ?) ORDER BY c.name = ? DESC LIMIT 1`)
      .get(nameOrId, nameOrId, nameOrId) as RawState | undefined;
    return r && fromRaw(r);
  }

  activeCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM connectors WHERE removed_at IS NULL').get() as { n: number }).n;
  }

  nameTaken(name: string): boolean {
    return this.db.prepare('SELECT 1 FROM connectors WHERE name = ?').get(name) !== undefined;
  }

  recordPoll(id: string, p: PollRecord): void {
    this.connectorRows.recordPoll(id, p);
  }

  setNextPoll(id: string, at: number | null): void {
    this.connectorRows.setNextPoll(id, at);
  }

  /** Forgets the high-water mark: the next poll starts over (ingest is idempotent, so nothing doubles). */
  resetCursor(id: string): void {
    this.connectorRows.resetCursor(id);
  }

  setPaused(id: string, paused: boolean): void {
    this.connectorRows.setPaused(id, paused);
  }

  setSecretRef(id: string, ref: string | null): void {
    this.connectorRows.setSecretRef(id, ref);
  }

  /** Soft removal: the row (and so every run) stays, renamed so the name can be used again. */
  markRemoved(id: string, newName: string, at: number): void {
    this.connectorRows.markRemoved(id, newName, at);
  }

  /** External ids of this connector's runs that were not finished when last seen (newest first). */
  unfinishedRunIds(connectorId: string, limit: number): string[] {
    return (this.db.prepare(
      `SELECT external_id AS id FROM runs WHERE connector_id = ? AND status IN ('queued', 'running', 'waiting')
       ORDER BY started_at DESC LIMIT ?`,
    ).all(connectorId, limit) as { id: string }[]).map((r) => r.id);
  }

  /** How many of this connector's runs started since `since` failed (the "a workflow is failing" signal). */
  failuresSince(connectorId: string, since: number): number {
    return (this.db.prepare(
      `SELECT count(*) AS n FROM runs WHERE status = 'failed' AND started_at >= ? AND connector_id = ?`,
    ).get(since, connectorId) as { n: number }).n;
  }

  /** Stores each workflow's latest definition (WorkflowRows) and when the list was read; returns how many were new or changed. */
  upsertWorkflows(connectorId: string, workflows: readonly WorkflowUpsert[], now: number): { added: number; changed: number } {
    return this.db.transaction(() => {
      const counts = this.rows.upsertListed(connectorId, workflows, now);
      this.connectorRows.markWorkflowsListed(connectorId, now);
      return counts;
    })();
  }

  workflow(id: number): WorkflowRef | undefined {
    const r = this.db.prepare(
      'SELECT id, connector_id AS connectorId, external_id AS externalId, name, active FROM workflows WHERE id = ?',
    ).get(id) as (Omit<WorkflowRef, 'active'> & { active: number }) | undefined;
    return r && { ...r, active: r.active === 1 };
  }

  /** Flowdeck switched the workflow on or off on its vendor (a control action or the breaker, by `actor`). */
  setWorkflowActive(id: number, active: boolean, now: number, actor: string): void {
    this.rows.setActive(id, active, now, actor);
  }


}
