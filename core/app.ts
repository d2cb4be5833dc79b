import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createConnectorsModule, type ConnectorsModule, type ConnectorsModuleOptions } from './connectors/module.ts';
import type { CallContext } from './contract/handlers.ts';
import type { Duplex } from './contract/protocol.ts';
import { ingestPage } from './sync/ingest/ingest.ts';
import type { IngestPage, IngestResult } from './sync/ingest/record.ts';
import type { Clock } from './platform/clock.ts';
import { systemClock } from './platform/clock.ts';
import type { Logger } from './platform/logger.ts';
import { createStderrLogger } from './platform/logger.ts';
import { serveConnection } from './rpc/connection.ts';
import { Dispatcher, mergeHandlers } from './rpc/dispatcher.ts';
import { EventBus } from './rpc/event-bus.ts';
import { monitoringHandlers } from './monitoring/handlers.ts';
import { startRetentionSchedule, type RetentionSchedule } from './monitoring/retention-schedule.ts';
import { alertHandlers } from './alerts/handlers.ts';
import { incidentHandlers } from './incidents/handlers.ts';
import { incidentContext } from './incidents/context.ts';
import { createPager, oncallHandlers, peopleFromUsers } from './oncall/index.ts';
import { usageFacts, usageHandlers } from './usage/index.ts';
import { pushHandlers } from './push/handlers.ts';
import { registryHandlers } from './registry/handlers.ts';
import { Registry } from './registry/service.ts';
import { createAlerting, type Alerting, type AlertingOptions } from './alerts/service.ts';
import { controlRemediator } from './alerts/remediation.ts';
import { runsHandlers } from './runs/handlers.ts';
import { workflowsHandlers } from './workflows/handlers.ts';
import { auditHandlers } from './audit/handlers.ts';
import { usersHandlers, UsersService, type PasswordHashing } from './users/index.ts';
import { createBackup, lastGoodBackup, listBackups, startBackupSchedule, type BackupInfo, type BackupSchedule } from './store/backup.ts';
import { openDatabase } from './store/db.ts';
import { StorageHealth } from './store/storage.ts';

/** How often PRAGMA quick_check runs on the live ledger besides the check before each scheduled backup. */
const INTEGRITY_CHECK_EVERY_MS = 6 * 3_600_000;
/** The first of those checks, soon after start (a full check of a large ledger takes a few seconds). */
const INTEGRITY_FIRST_CHECK_MS = 20_000;
import { createLedger, readerOf, type Ledger } from './store/ledger.ts';
import { loadMigrations } from './store/migrate.ts';
import { systemHandlers } from './system/handlers.ts';
import { stateHandlers } from './state/handlers.ts';
import { WorkflowStates } from './state/service.ts';
import { VERSION } from './version.ts';
import { reportHandlers, startDigestSchedule, type DigestSchedule } from './reports/index.ts';
import { slaContextSource } from './monitoring/index.ts';
import { nodeTimers, type Timers } from './sync/timers.ts';

export interface CoreOptions {
  /** Directory holding flowdeck.db; ':memory:' keeps everything in memory (tests). */
  dataDir: string;
  demo?: boolean;
  clock?: Clock;
  logger?: Logger;
  /** Where the NNNN_name.sql files are (bundled builds copy them next to the bundle). */
  migrationsDir?: string;
  /** Connectors: the keychain (none = adding connectors is refused), drivers, and scheduler timing for tests. */
  connectors?: Pick<ConnectorsModuleOptions, 'secrets' | 'drivers' | 'createHttp' | 'timers' | 'random' | 'cadence' | 'concurrency'>;
  /** Alerting seams (keychain, connector actions, extra notifiers). `autoStart` defaults to true unless a clock is injected. */
  alerting?: Pick<AlertingOptions, 'secrets' | 'remediator' | 'notifiers' | 'tickMs'> & { autoStart?: boolean };
  /** Scheduled backups to <dataDir>/backups (file databases only). `autoStart` defaults to true unless a clock is injected. */
  backups?: { autoStart?: boolean; intervalMs?: number; keep?: number };
  /** Daily pruning of raw runs past the retention age (first pass ~1 min after start). `autoStart` defaults to true unless a clock is injected. */
  retention?: { autoStart?: boolean; firstDelayMs?: number; intervalMs?: number; batchSize?: number };
  /** People who sign in to serve mode. `hashing`: argon2id costs, OWASP's baseline unless a test passes cheaper ones. */
  users?: { hashing?: PasswordHashing };
  /** Email digests at each person's chosen hour, from these timers. `autoStart` defaults to true unless a clock is injected. */
  digests?: { autoStart?: boolean; timers?: Timers };
}

/** One running core: the ledger, the contract dispatcher and the event bus. Every entry point builds this. */
export interface Core {
  ledger: Ledger;
  dispatcher: Dispatcher;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  demo: boolean;
  /** Connector service, scheduler (started by serve mode and the desktop core, not here) and control actions. */
  connectors: ConnectorsModule;
  /** Alert rules, incidents and notifications. */
  alerting: Alerting;
  /** Workflow registry: metadata, versions, restore, lint (versions are recorded after each successful poll). */
  registry: Registry;
  /** The one live state per workflow that every at-a-glance surface derives from. */
  states: WorkflowStates;
  /** Scheduled retention pruning (null when not started: tests with an injected clock). */
  retention: RetentionSchedule | null;
  /** People who sign in to serve mode: roles, passwords (argon2id), sessions; signing in checks here. */
  users: UsersService;
  /** Whether the ledger can take writes (read-only, full, damaged), checked on every write path. */
  storage: StorageHealth;
  /** Each person's email digest (null when not started: tests with an injected clock start their own). */
  digests: DigestSchedule | null;
  /** Online backups of the ledger (none for ':memory:'). */
  backups: { create(reason: 'manual' | 'scheduled'): Promise<BackupInfo>; list(): BackupInfo[] };
  /** Applies a page through the real ingest path and announces the change. */
  ingest(page: IngestPage): IngestResult;
  /** Serves the contract to one client over a transport. */
  connect(duplex: Duplex, ctx: CallContext): () => void;
  close(): void;
}

export function databasePath(dataDir: string): string {
  return dataDir === ':memory:' ? ':memory:' : join(dataDir, 'flowdeck.db');
}

export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createStderrLogger('core');
  if (options.dataDir !== ':memory:') mkdirSync(options.dataDir, { recursive: true });
  const db = openDatabase({
    path: databasePath(options.dataDir),
    now: () => clock.now(),
    ...(options.migrationsDir ? { migrations: loadMigrations(options.migrationsDir) } : {}),
  });
  const ledger = createLedger(db);
  const storage = new StorageHealth(db, options.dataDir, () => (options.dataDir === ':memory:' ? null : lastGoodBackup(options.dataDir)));
  const checkIntegrity = () => {
    const s = storage.checkIntegrity();
    if (s.state !== 'ok') logger.error('ledger damaged', { message: s.message });
  };
  const demo = options.demo ?? false;
  const events = new EventBus();
  const states = new WorkflowStates(ledger, clock.now());
  // Who is paged about incidents: the people of the users table (a Flowdeck without users pages nobody, only channels).
  const people = peopleFromUsers(ledger.users);
  const alerting = createAlerting({
    ledger, events, clock, logger, states, remediator: controlRemediator(() => connectors.actions),
    paging: (outbox) => createPager({ ledger, outbox, people, paged: (page) => events.emit('oncall/paged', page) }),
    usage: { facts: (now) => usageFacts(ledger.usage, now) },
    // A failure within 15 min of an open incident upstream on the system map joins it instead of paging again (issue 19).
    cascade: { upstreamOf: (workflowId) => registry.map.upstreamOf(workflowId), windowMs: 15 * 60_000 },
    ...(options.connectors?.secrets ? { secrets: options.connectors.secrets } : {}), ...options.alerting,
  });
  const connectors = createConnectorsModule({ ledger, events, clock, logger, ingest: (page) => self.ingest(page), ...options.connectors,
    blindness: () => states.blindness(clock.now()) });
  const registry = new Registry({ ledger, events, clock, logger, connectors, states });
  events.subscribe('connectors/polled', (polled) => {
    if (!polled.ok) return;
    try {
      registry.reconcile(polled.connectorId);
    } catch (error) {
      // Version history must never break polling: log it, the next poll tries again.
      logger.error('registry: recording workflow versions failed', { error: error instanceof Error ? error.message : String(error) });
    }
  });
  const slaOf = slaContextSource(ledger);
  const sla = (now: number) => slaOf(now);
  const users = new UsersService({ ledger, events, clock, ...(options.users?.hashing ? { hashing: options.users.hashing } : {}) });
  const dispatcher = new Dispatcher(mergeHandlers(
    connectors.handlers,
    runsHandlers(readerOf(ledger), connectors.actions, connectors.bulk),
    workflowsHandlers(ledger, connectors.actions),
    auditHandlers(ledger),
    systemHandlers(ledger, { version: VERSION, demo, now: () => clock.now(), storage: () => storage.status() }),
    monitoringHandlers({
      ledger, clock, events, ingest: (page) => self.ingest(page), testMode: process.env.FLOWDECK_TEST_MODE === '1',
    }),
    alertHandlers(ledger, alerting),
    oncallHandlers({ ledger, people, clock, changed: () => events.emit('ledger/changed', { tables: ['oncall_shifts', 'oncall_people'], connectorId: null }) }),
    usageHandlers({ ledger, clock, changed: () => events.emit('ledger/changed', { tables: ['usage_plans'], connectorId: null }) }),
    incidentHandlers(ledger, alerting, (workflowId, at) => {
      try {
        return registry.correlationAt(workflowId, at);
      } catch (error) {
        // The incident detail must open even when the registry cannot answer.
        logger.warn('registry: change correlation failed', { error: error instanceof Error ? error.message : String(error) });
        return null;
      }
    }, (workflowId, hasRuns) => incidentContext(states.list(clock.now()).workflows.find((w) => w.workflowId === workflowId) ?? null,
      ledger.writer.state.ownerAndRunbook(workflowId), hasRuns)),
    pushHandlers({ ledger, clock, events, secrets: options.connectors?.secrets ?? null }),
    stateHandlers(states, clock),
    registryHandlers(registry, options.dataDir === ':memory:' ? null : join(options.dataDir, 'exports')),
    usersHandlers(users),
    reportHandlers({ ledger, clock, sla, changed: (tables) => { self.digests?.reschedule(); events.emit('ledger/changed', { tables, connectorId: null }); } }),
  ), logger, { check: () => storage.status().message, failed: (error) => storage.failed(error) });
  const onDisk = options.dataDir !== ':memory:';
  const schedule: BackupSchedule | null = onDisk && (options.backups?.autoStart ?? !options.clock)
    ? startBackupSchedule({ db, dataDir: options.dataDir, now: () => clock.now(), logger, checkIntegrity, ...options.backups }) : null;
  const integrityTimer = schedule ? setInterval(checkIntegrity, INTEGRITY_CHECK_EVERY_MS) : null;
  integrityTimer?.unref();
  // The first check runs soon after start, so damage from before this start is reported at once, not hours later.
  const firstIntegrityCheck = schedule ? setTimeout(checkIntegrity, INTEGRITY_FIRST_CHECK_MS) : null;
  firstIntegrityCheck?.unref();
  const { autoStart: retentionAutoStart, ...retentionTiming } = options.retention ?? {};
  const retention: RetentionSchedule | null = (retentionAutoStart ?? !options.clock)
    ? startRetentionSchedule({ repo: ledger.retention, now: () => clock.now(), logger, ...retentionTiming,
      pruned: () => events.emit('ledger/changed', { tables: ['runs'], connectorId: null }) }) : null;
  const digests: DigestSchedule | null = (options.digests?.autoStart ?? !options.clock)
    ? startDigestSchedule({ ledger, clock, logger, sla, timers: options.digests?.timers ?? nodeTimers,
      enqueue: (channelIds, message) => alerting.outbox.enqueue(channelIds, null, message), sent: () => alerting.changed() }) : null;
  const self: Core = {
    ledger, dispatcher, events, clock, logger, demo, connectors, alerting, registry, retention, states, storage, users, digests,
    backups: {
      create: (reason) => {
        if (!onDisk) return Promise.reject(new Error('An in-memory ledger has no backups.'));
        return createBackup(db, options.dataDir, reason, clock.now());
      },
      list: () => (onDisk ? listBackups(options.dataDir) : []),
    },
    ingest(page) {
      let result: IngestResult;
      storage.assertWritable();
      try {
        result = ingestPage(ledger.writer, page, clock.now());
      } catch (error) {
        // A full or read-only disk: remembered for system/get-status (the UI says so plainly), then thrown as before.
        if (storage.failed(error)) logger.error('ledger write failed', { code: (error as { code?: string }).code ?? null });
        throw error;
      }
      storage.succeeded();
      events.emit('runs/ingested', { connectorId: page.connectorId, ...result });
      if (result.inserted + result.updated + result.quarantined > 0) {
        events.emit('ledger/changed', { tables: ['runs', 'workflows', 'rollups_hourly'], connectorId: page.connectorId });
      }
      return result;
    },
    connect: (duplex, ctx) => serveConnection(duplex, dispatcher, events, ctx),
    close: () => {
      connectors.scheduler.halt();
      alerting.stop();
      schedule?.stop();
      if (integrityTimer) clearInterval(integrityTimer);
      if (firstIntegrityCheck) clearTimeout(firstIntegrityCheck);
      retention?.stop();
      digests?.stop();
      db.close();
    },
  };
  if (options.alerting?.autoStart ?? !options.clock) alerting.start();
  return self;
}
