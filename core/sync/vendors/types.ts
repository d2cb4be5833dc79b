import type { ConnectorKind } from '../../contract/catalog.ts';
import type { StepData } from '../../contract/runs.ts';
import type { IngestRecord, WorkflowRecord } from '../ingest/record.ts';
import type { Clock } from '../../platform/clock.ts';
import type { HttpClient } from '../../platform/http/types.ts';
import type { Logger } from '../../platform/logger.ts';
import type { ConcreteSchedule } from '../schedules/concrete.ts';

/** What a connector knows about itself (from the connectors table). */
export interface ConnectorConfig {
  id: string;
  kind: ConnectorKind;
  name: string;
  /** Vendor base URL (n8n instance, Make zone e.g. https://eu1.make.com, GitHub API root, Zapier API root). */
  baseUrl: string;
  /** Kind-specific options: Make organisation id and plan budget, GitHub owner/repo list, failover URL … */
  options: Record<string, unknown>;
}

export interface ConnectorDeps {
  config: ConnectorConfig;
  /** Already bound to this connector: base URL, rate budget, breaker, retries. Credentials are added by the driver. */
  http: HttpClient;
  /** The connector's credential from the keychain (API key or OAuth access token). Null when missing. */
  credential(): Promise<string | null>;
  clock: Clock;
  logger: Logger;
}

/** A workflow as the vendor defines it, with its full definition kept for version history (ingest validates it). */
export type WorkflowDefinition = WorkflowRecord;

/**
 * One step of an incremental sync. `cursor` is the connector's opaque high-water mark to store WITH these
 * records (in the same ingest transaction). A cursor must be crash-safe: storing it with this page must never
 * let a later poll skip runs that were not yet ingested (replaying runs is fine: ingest is idempotent).
 */
export interface RunsPage {
  records: IngestRecord[];
  cursor: string | null;
  /** True when the driver has more pages right now (the scheduler polls again without waiting). */
  hasMore: boolean;
  /** Data the driver knows it could not fetch, in an owner's words (the connector turns "degraded" and says so). */
  lost?: { count: number; message: string };
}

export type TestOutcome =
  | { ok: true; workflows: number; message: string }
  | { ok: false; reason: 'credentials_rejected' | 'unreachable' | 'tls_error' | 'wrong_server' | 'timeout' | 'rate_limited' | 'no_credential' | 'error'; message: string };

/** Control actions a vendor supports; each returns a short human summary for the audit log. */
export interface ConnectorActions {
  /** `loadWorkflow` (n8n): run the workflow as it is saved now rather than the version stored with the run. */
  retryRun?(externalRunId: string, options?: { loadWorkflow?: boolean }): Promise<string>;
  activateWorkflow?(externalWorkflowId: string): Promise<string>;
  deactivateWorkflow?(externalWorkflowId: string): Promise<string>;
  runWorkflow?(externalWorkflowId: string): Promise<string>;
  rerunRun?(externalRunId: string): Promise<string>;
  /** Puts an earlier definition back (n8n `PUT /workflows/{id}`); returns a summary and the vendor's saved workflow. */
  restoreWorkflow?(externalWorkflowId: string, definition: unknown): Promise<{ message: string; workflow: WorkflowDefinition | null }>;
}

export interface ConnectorDriver {
  readonly kind: ConnectorKind;
  /** A specific verdict for the "Test connection" button. Never throws. */
  testConnection(): Promise<TestOutcome>;
  listWorkflows(): Promise<WorkflowDefinition[]>;
  /** The next page of new or changed runs after `cursor` (null = first sync). Throws HttpFailure on failure. */
  listRuns(cursor: string | null): Promise<RunsPage>;
  /** Fresh records for runs that were not terminal yet (running, waiting, queued). */
  refreshRuns(externalRunIds: string[]): Promise<IngestRecord[]>;
  readonly actions: ConnectorActions;
  /** A warning about the credential ahead of trouble (e.g. an API key that expires soon), or null. */
  credentialWarning?(): Promise<string | null>;
  /**
   * The vendor's own data about why a run's step failed (n8n: the failing node's input, output and error; GitHub: the
   * failed step's log tail), read only when the owner asks, through the connector's HTTP client. The core bounds and
   * redacts it and never stores it. Throws HttpFailure on failure.
   */
  stepData?(externalRunId: string): Promise<StepData>;
}

export type DriverFactory = (deps: ConnectorDeps) => ConnectorDriver;

/** A vendor's schedule reader: recognises its own stored definitions and reads the schedule they declare. */
export interface ScheduleReader {
  matches(definition: Record<string, unknown>): boolean;
  read(definition: Record<string, unknown>): ConcreteSchedule | null;
}
