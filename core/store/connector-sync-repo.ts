import { createHash } from 'node:crypto';
import type { ConnectorKind, ConnectorSummary } from '../contract/catalog.ts';
import type { Db } from './db.ts';
import { WorkflowStateRepo } from './workflow-state-repo.ts';

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

/** A workflow as listed by its vendor, ready to store (the connectors' WorkflowDefinition is this type). */
export interface WorkflowUpsert {
  externalId: string;
  name: string;
  active: boolean;
  archived: boolean;
  /** The vendor's full definition (n8n workflow JSON, Make blueprint, GitHub workflow YAML as text …). */
  definition: unknown;
  vendorVersionId: string | null;
  updatedAt: number | null;
  tags: string[];
  deepLink: string | null;
}

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

function stableJson(value: unknown): string {
  return JSON.stringify(value ?? null) ?? 'null';
}

/** Polling bookkeeping for connectors and the latest vendor definition of each workflow. */
export class ConnectorSyncRepo {
  private readonly db: Db;
  private readonly state: WorkflowStateRepo;

  constructor(db: Db) {
    this.db = db;
    this.state = new WorkflowStateRepo(db);
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

  /** Stores each workflow's latest definition; returns how many were new or changed. */
  upsertWorkflows(connectorId: string, workflows: readonly WorkflowUpsert[], now: number): { added: number; changed: number } {
    const find = this.db.prepare<[string, string], { id: number; hash: string | null; name: string; active: number; archived: number }>(
      'SELECT id, definition_hash AS hash, name, active, archived FROM workflows WHERE connector_id = ? AND external_id = ?');
    const insert = this.db.prepare(
      `INSERT INTO workflows (connector_id, external_id, name, active, archived, created_at, updated_at, definition_json,
         definition_hash, vendor_version_id, vendor_updated_at, deep_link, tags_json, listed_at)
       VALUES (@connectorId, @externalId, @name, @active, @archived, @now, @now, @definitionJson, @hash, @vendorVersionId,
         @updatedAt, @deepLink, @tagsJson, @now)`);
    const update = this.db.prepare(
      `UPDATE workflows SET name = @name, active = @active, archived = @archived, updated_at = @now,
         definition_json = @definitionJson, definition_hash = @hash, vendor_version_id = @vendorVersionId,
         vendor_updated_at = @updatedAt, deep_link = @deepLink, tags_json = @tagsJson, listed_at = @now
       WHERE id = @id`);
    const touch = this.db.prepare('UPDATE workflows SET listed_at = ? WHERE id = ?');
    return this.db.transaction(() => {
      let added = 0;
      let changed = 0;
      for (const w of workflows) {
        const definitionJson = stableJson(w.definition);
        const params = {
          connectorId, externalId: w.externalId, name: w.name, active: w.active ? 1 : 0, archived: w.archived ? 1 : 0, now,
          definitionJson, hash: createHash('sha256').update(definitionJson).digest('hex'), vendorVersionId: w.vendorVersionId,
          updatedAt: w.updatedAt, deepLink: w.deepLink, tagsJson: JSON.stringify(w.tags),
        };
        const stored = find.get(connectorId, w.externalId);
        if (!stored) {
          const id = Number(insert.run(params).lastInsertRowid);
          // Listed already switched off: by its vendor (or whoever uses it there), not by Flowdeck.
          if (!w.active) this.state.markPaused(id, 'vendor', null, null, now);
          added++;
        } else if (stored.hash !== params.hash || stored.name !== w.name || stored.active !== params.active || stored.archived !== params.archived) {
          update.run({ ...params, id: stored.id });
          this.attributeSwitch(stored.id, stored.active === 1, w.active, now);
          changed++;
        } else {
          touch.run(now, stored.id);
        }
      }
      this.db.prepare('UPDATE connectors SET workflows_listed_at = ? WHERE id = ?').run(now, connectorId);
      return { added, changed };
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
    this.db.transaction(() => {
      this.db.prepare('UPDATE workflows SET active = ?, updated_at = ? WHERE id = ?').run(active ? 1 : 0, now, id);
      if (active) this.state.markResumed(id, now);
      else this.state.markPaused(id, 'flowdeck', actor, now, now);
    })();
  }

  /** A poll saw the vendor's on/off flag change: off is the vendor's doing unless Flowdeck already switched it off. */
  private attributeSwitch(id: number, wasActive: boolean, isActive: boolean, now: number): void {
    if (wasActive === isActive) return;
    if (isActive) this.state.markResumed(id, now);
    else if (this.state.pausedBy(id) !== 'flowdeck') this.state.markPaused(id, 'vendor', null, now, now);
  }
}
