import { AlertFactsRepo } from './alert-facts-repo.ts';
import { AlertsRepo } from './alerts-repo.ts';
import { AuditRepo } from './audit-repo.ts';
import { AuditSearchRepo } from './audit-search-repo.ts';
import { ConnectorSyncRepo } from './connector-sync-repo.ts';
import { ConnectorsRepo } from './connectors-repo.ts';
import type { Db } from './db.ts';
import { DeliveriesRepo } from './deliveries-repo.ts';
import { ErrorSearchRepo } from './error-search-repo.ts';
import { IncidentsRepo } from './incidents-repo.ts';
import { registerLedgerDb } from './ledger-db.ts';
import { LedgerWriter } from './ledger-writer.ts';
import { MapEdgesRepo } from './map-edges-repo.ts';
import { MonitoringRepo } from './monitoring-repo.ts';
import { OncallPagesRepo } from './oncall-pages-repo.ts';
import { OncallRepo } from './oncall-repo.ts';
import { UsageRepo } from './usage-repo.ts';
import { ReportsRepo } from './reports-repo.ts';
import { DigestRepo } from './digest-repo.ts';
import { PushRepo } from './push-repo.ts';
import { QuarantineRepo } from './quarantine-repo.ts';
import { RegistryRepo } from './registry-repo.ts';
import { RetentionRepo } from './retention-repo.ts';
import { RunsRepo } from './runs-repo.ts';
import { SessionsRepo } from './sessions-repo.ts';
import { SettingsRepo } from './settings-repo.ts';
import { TokensRepo } from './tokens-repo.ts';
import { UsersRepo } from './users-repo.ts';
import { VersionsRepo } from './versions-repo.ts';
import { WorkflowStateRepo } from './workflow-state-repo.ts';
import { WorkflowsRepo } from './workflows-repo.ts';

/**
 * Every repository over one open database, built once. Code outside core/store/ reaches the database only through
 * these and `write(fn)`; it never holds the database handle itself.
 */
export interface Ledger {
  /** Ingest's write side (runs, rollups, error groups, cursors). */
  writer: LedgerWriter;
  runs: RunsRepo;
  connectors: ConnectorsRepo;
  /** Polling bookkeeping and the vendors' workflow definitions. */
  sync: ConnectorSyncRepo;
  workflows: WorkflowsRepo;
  /** Each workflow's run facts (streak, last run, last error) and who paused it. */
  workflowState: WorkflowStateRepo;
  audit: AuditRepo;
  auditSearch: AuditSearchRepo;
  settings: SettingsRepo;
  tokens: TokensRepo;
  /** Serve-mode sessions of named tokens and of people (they survive a restart). */
  sessions: SessionsRepo;
  /** People who sign in to serve mode, with their roles (never their passwords). */
  users: UsersRepo;
  quarantine: QuarantineRepo;
  monitoring: MonitoringRepo;
  errorSearch: ErrorSearchRepo;
  retention: RetentionRepo;
  registry: RegistryRepo;
  versions: VersionsRepo;
  /** The system map's edges added or hidden by hand. */
  mapEdges: MapEdgesRepo;
  push: PushRepo;
  alertRules: AlertsRepo;
  alertFacts: AlertFactsRepo;
  incidents: IncidentsRepo;
  deliveries: DeliveriesRepo;
  /** The weekly rota and each person's own channels and quiet hours. */
  oncall: OncallRepo;
  /** Who was paged about which incident, and the escalation steps taken. */
  oncallPages: OncallPagesRepo;
  /** Plans (quota, billing day) and what runs cost at their vendors. */
  usage: UsageRepo;
  /** What the weekly and monthly reports read beyond the rollups (read only). */
  reports: ReportsRepo;
  /** Each person's email digest settings. */
  digests: DigestRepo;
  /** Runs `fn` in one transaction: every write inside it lands, or none does. Nested calls join the outer one. */
  write<T>(fn: () => T): T;
}

/**
 * The repositories that only read: none of their files holds an INSERT, UPDATE or DELETE, nor builds a repository
 * that does (test/lint/ledger-reader.test.ts). A read path takes a LedgerReader, so it cannot write.
 */
export const READ_REPOSITORIES = ['runs', 'workflows', 'monitoring', 'errorSearch', 'auditSearch', 'alertFacts', 'quarantine'] as const;
export type LedgerReader = Readonly<Pick<Ledger, (typeof READ_REPOSITORIES)[number]>>;

/** The read-only view of a ledger: only the reading repositories, with no `write` and no writer. */
export function readerOf(ledger: Ledger): LedgerReader {
  return Object.freeze(Object.fromEntries(READ_REPOSITORIES.map((key) => [key, ledger[key]]))) as LedgerReader;
}

export function createLedger(db: Db): Ledger {
  return registerLedgerDb({
    writer: new LedgerWriter(db),
    runs: new RunsRepo(db),
    connectors: new ConnectorsRepo(db),
    sync: new ConnectorSyncRepo(db),
    workflows: new WorkflowsRepo(db),
    workflowState: new WorkflowStateRepo(db),
    audit: new AuditRepo(db),
    auditSearch: new AuditSearchRepo(db),
    settings: new SettingsRepo(db),
    tokens: new TokensRepo(db),
    sessions: new SessionsRepo(db),
    users: new UsersRepo(db),
    quarantine: new QuarantineRepo(db),
    monitoring: new MonitoringRepo(db),
    errorSearch: new ErrorSearchRepo(db),
    retention: new RetentionRepo(db),
    registry: new RegistryRepo(db),
    versions: new VersionsRepo(db),
    mapEdges: new MapEdgesRepo(db),
    push: new PushRepo(db),
    alertRules: new AlertsRepo(db),
    alertFacts: new AlertFactsRepo(db),
    incidents: new IncidentsRepo(db),
    deliveries: new DeliveriesRepo(db),
    oncall: new OncallRepo(db),
    oncallPages: new OncallPagesRepo(db),
    usage: new UsageRepo(db),
    reports: new ReportsRepo(db),
    digests: new DigestRepo(db),
    write: (fn) => db.transaction(fn)(),
  }, db);
}
