import type { RunStatus } from '../contract/runs.ts';
import type { Db } from './db.ts';
import { sha256 } from './migrate.ts';
import type { RunRow } from './run-row.ts';
import { ConnectorsRepo } from './connectors-repo.ts';
import { MonitoringWriter } from './monitoring-writer.ts';
import { periodCache, type PeriodCache } from './period-cache.ts';
import { WorkflowRows, type WorkflowUpsert } from './workflow-rows.ts';
import { WorkflowStateRepo } from './workflow-state-repo.ts';

export interface StoredRun extends RunRow {
  id: number;
  workflowId: number;
}

export interface RollupDelta {
  workflowId: number;
  hour: number;
  counts: Partial<Record<RunStatus, number>>;
  durationN: number;
  durationSum: number;
  durationMax: number;
  hist: Buffer | null;
}

export interface ErrorGroupDelta {
  fingerprint: string;
  template: string;
  sample: string;
  firstSeen: number;
  lastSeen: number;
  occurrences: number;
}

type InsertRunParams = [string, string, number, string, string, number, number | null, number | null, string | null,
  string | null, string | null, string | null, string | null, string | null, string | null, number | null, number, number];

const RUN_COLUMNS = `status, raw_status AS rawStatus, started_at AS startedAt, finished_at AS finishedAt,
  duration_ms AS durationMs, error_message AS errorMessage, error_fingerprint AS errorFingerprint,
  failing_step AS failingStep, mode, deep_link AS deepLink, retry_of AS retryOf,
  retry_success_id AS retrySuccessId, item_count AS itemCount`;

/** Deletes up to `size` runs that started before `cutoff` (retention), in one short transaction; returns how many. */
export function runPruner(db: Db): (cutoff: number, size: number) => number {
  const batch = db.prepare<[number, number]>(`DELETE FROM runs WHERE id IN (
    SELECT id FROM runs INDEXED BY runs_by_time WHERE started_at < ? LIMIT ?)`);
  return (cutoff, size) => db.transaction(() => batch.run(cutoff, size).changes).immediate();
}

/** The write side of ingest and the one writer of the runs table group: every statement, prepared once per database. */
export class LedgerWriter {
  private readonly db: Db;
  /** The monitoring rollups written in the same transaction (core/monitoring). */
  readonly monitoring: MonitoringWriter;
  /** Each workflow's run facts (streak, last run, last error), refreshed for the workflows a page touched. */
  readonly state: WorkflowStateRepo;
  private readonly periods: PeriodCache;
  private readonly rows: WorkflowRows;
  private readonly connectors: ConnectorsRepo;
  private readonly s;
  /** Committed workflow ids by connector + external id; entries made inside a rolled-back page are dropped. */
  private readonly workflows = new Map<string, { id: number; name: string }>();
  private pendingWorkflows: string[] = [];

  constructor(db: Db) {
    this.db = db;
    this.monitoring = new MonitoringWriter(db);
    this.state = new WorkflowStateRepo(db);
    this.periods = periodCache(db);
    this.rows = new WorkflowRows(db);
    this.connectors = new ConnectorsRepo(db);
    this.s = {
      insertRun: db.prepare<InsertRunParams>(
        `INSERT INTO runs (connector_id, external_id, workflow_id, status, raw_status, started_at, finished_at, duration_ms,
           error_message, error_fingerprint, failing_step, mode, deep_link, retry_of, retry_success_id, item_count,
           ingested_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (connector_id, external_id) DO NOTHING`),
      findRun: db.prepare<[string, string], StoredRun>(
        `SELECT id, workflow_id AS workflowId, ${RUN_COLUMNS} FROM runs WHERE connector_id = ? AND external_id = ?`),
      updateRun: db.prepare(
        `UPDATE runs SET status = @status, raw_status = @rawStatus, started_at = @startedAt, finished_at = @finishedAt,
           duration_ms = @durationMs, error_message = @errorMessage, error_fingerprint = @errorFingerprint,
           failing_step = @failingStep, mode = @mode, deep_link = @deepLink, retry_of = @retryOf,
           retry_success_id = @retrySuccessId, item_count = @itemCount, updated_at = @now
         WHERE id = @id`),
      upsertRollup: db.prepare(
        `INSERT INTO rollups_hourly (workflow_id, hour, n_queued, n_running, n_waiting, n_success, n_warning, n_failed,
           n_canceled, n_skipped, n_missed, n_unknown, duration_n, duration_sum, duration_max, hist)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (workflow_id, hour) DO UPDATE SET
           n_queued = n_queued + excluded.n_queued, n_running = n_running + excluded.n_running,
           n_waiting = n_waiting + excluded.n_waiting, n_success = n_success + excluded.n_success,
           n_warning = n_warning + excluded.n_warning, n_failed = n_failed + excluded.n_failed,
           n_canceled = n_canceled + excluded.n_canceled, n_skipped = n_skipped + excluded.n_skipped,
           n_missed = n_missed + excluded.n_missed, n_unknown = n_unknown + excluded.n_unknown,
           duration_n = duration_n + excluded.duration_n, duration_sum = duration_sum + excluded.duration_sum,
           duration_max = max(duration_max, excluded.duration_max), hist = hist_merge(hist, excluded.hist)`),
      upsertErrorGroup: db.prepare(
        `INSERT INTO error_groups (fingerprint, template, sample_message, first_seen, last_seen, occurrences)
         VALUES (@fingerprint, @template, @sample, @firstSeen, @lastSeen, @occurrences)
         ON CONFLICT (fingerprint) DO UPDATE SET first_seen = min(first_seen, excluded.first_seen),
           last_seen = max(last_seen, excluded.last_seen), occurrences = occurrences + excluded.occurrences`),
      recordUsage: db.prepare<[number, number | null, number, string, string]>(
        `INSERT INTO run_usage (run_id, units, centicredits, exact)
         SELECT id, ?, ?, ? FROM runs WHERE connector_id = ? AND external_id = ?
         ON CONFLICT (run_id) DO UPDATE SET units = excluded.units, centicredits = excluded.centicredits, exact = excluded.exact`),
      quarantine: db.prepare<[string, number, string, string, string]>(
        `INSERT INTO ingest_quarantine (connector_id, received_at, reason, record_json, record_hash) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (connector_id, record_hash) DO UPDATE SET received_at = excluded.received_at, reason = excluded.reason`),
    };
  }

  /** Returns the workflow's id, creating it (or following a rename) as needed. */
  workflowId(connectorId: string, externalId: string, name: string, now: number): number {
    const key = `${connectorId}\u0000${externalId}`;
    let found = this.workflows.get(key) ?? this.rows.find(connectorId, externalId);
    if (!found) {
      found = { id: this.rows.insertSeen(connectorId, externalId, name, now), name };
    } else if (found.name !== name) {
      this.rows.rename(found.id, name, now);
      found = { id: found.id, name };
    }
    this.workflows.set(key, found);
    this.pendingWorkflows.push(key);
    return found.id;
  }

  /** Runs one page in a transaction that takes the write lock up front: all of it lands, or none. */
  write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Call once a page's transaction has committed (true) or rolled back (false). */
  settle(committed: boolean): void {
    if (!committed) for (const key of this.pendingWorkflows) this.workflows.delete(key);
    this.pendingWorkflows = [];
  }

  /** Inserts a new run; returns false when the run is already known. */
  insertRun(connectorId: string, externalId: string, workflowId: number, r: RunRow, now: number): boolean {
    return this.s.insertRun.run(connectorId, externalId, workflowId, r.status, r.rawStatus, r.startedAt, r.finishedAt,
      r.durationMs, r.errorMessage, r.errorFingerprint, r.failingStep, r.mode, r.deepLink, r.retryOf, r.retrySuccessId,
      r.itemCount, now, now).changes === 1;
  }

  /** What a run cost at its vendor (run_usage); the newest figure wins. */
  recordUsage(connectorId: string, externalId: string, usage: { units: number; centicredits?: number | null; exact: boolean }): void {
    this.s.recordUsage.run(usage.units, usage.centicredits ?? null, usage.exact ? 1 : 0, connectorId, externalId);
  }

  findRun(connectorId: string, externalId: string): StoredRun | undefined {
    return this.s.findRun.get(connectorId, externalId);
  }

  updateRun(id: number, row: RunRow, now: number): void {
    this.s.updateRun.run({ ...row, id, now });
  }

  applyRollup(d: RollupDelta): void {
    const c = d.counts;
    this.s.upsertRollup.run(d.workflowId, d.hour, c.queued ?? 0, c.running ?? 0, c.waiting ?? 0, c.success ?? 0,
      c.warning ?? 0, c.failed ?? 0, c.canceled ?? 0, c.skipped ?? 0, c.missed ?? 0, c.unknown ?? 0,
      d.durationN, d.durationSum, d.durationMax, d.hist);
    this.periods.touched('rollups_hourly', d.hour);
  }

  applyErrorGroup(d: ErrorGroupDelta): void {
    this.s.upsertErrorGroup.run(d);
  }

  quarantine(connectorId: string, now: number, reason: string, record: unknown): void {
    let json: string;
    try {
      json = JSON.stringify(record) ?? 'null';
    } catch {
      json = JSON.stringify(String(record));
    }
    // The same bad record arriving again (a replayed page) stays one quarantine entry.
    this.s.quarantine.run(connectorId, now, reason, json.slice(0, 100_000), sha256(json));
  }

  /** Stores each listed workflow's latest definition (inside the page's transaction); counts the new and changed. */
  upsertWorkflows(connectorId: string, workflows: readonly WorkflowUpsert[], now: number): { added: number; changed: number } {
    const counts = this.rows.upsertListed(connectorId, workflows, now);
    this.connectors.markWorkflowsListed(connectorId, now);
    return counts;
  }

  storeCursor(connectorId: string, cursor: string | null, now: number): void {
    this.connectors.storeCursor(connectorId, cursor, now);
  }
}
