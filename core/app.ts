import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createConnectorsModule, type ConnectorsModule, type ConnectorsModuleOptions } from './connectors/module.ts';
import type { CallContext } from './contract/handlers.ts';
import type { Duplex } from './contract/protocol.ts';
import { ingestPage } from './ingest/ingest.ts';
import type { IngestPage, IngestResult } from './ingest/record.ts';
import type { Clock } from './platform/clock.ts';
import { systemClock } from './platform/clock.ts';
import type { Logger } from './platform/logger.ts';
import { createStderrLogger } from './platform/logger.ts';
import { serveConnection } from './rpc/connection.ts';
import { Dispatcher, mergeHandlers } from './rpc/dispatcher.ts';
import { EventBus } from './rpc/event-bus.ts';
import { monitoringHandlers } from './monitoring/handlers.ts';
import { alertHandlers } from './alerts/handlers.ts';
import { incidentHandlers } from './alerts/incident-handlers.ts';
import { pushHandlers } from './push/handlers.ts';
import { createAlerting, type Alerting, type AlertingOptions } from './alerts/service.ts';
import { controlRemediator } from './alerts/remediation.ts';
import { runsHandlers } from './runs/handlers.ts';
import { openDatabase } from './store/db.ts';
import { createLedger, type Ledger } from './store/ledger.ts';
import { loadMigrations } from './store/migrate.ts';
import { systemHandlers } from './system/handlers.ts';
import { VERSION } from './version.ts';

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
  const demo = options.demo ?? false;
  const events = new EventBus();
  const alerting = createAlerting({
    ledger, events, clock, logger, remediator: controlRemediator(() => connectors.actions),
    ...(options.connectors?.secrets ? { secrets: options.connectors.secrets } : {}), ...options.alerting,
  });
  const connectors = createConnectorsModule({ ledger, events, clock, logger, ingest: (page) => self.ingest(page), ...options.connectors });
  const dispatcher = new Dispatcher(mergeHandlers(
    connectors.handlers,
    runsHandlers(ledger),
    systemHandlers(ledger, { version: VERSION, demo }),
    monitoringHandlers({
      ledger, clock, events, ingest: (page) => self.ingest(page), testMode: process.env.FLOWDECK_TEST_MODE === '1',
    }),
    alertHandlers(ledger, alerting),
    incidentHandlers(ledger, alerting),
    pushHandlers({ ledger, clock, events, secrets: options.connectors?.secrets ?? null }),
  ), logger);
  const self: Core = {
    ledger, dispatcher, events, clock, logger, demo, connectors, alerting,
    ingest(page) {
      const result = ingestPage(ledger.writer, page, clock.now());
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
      db.close();
    },
  };
  if (options.alerting?.autoStart ?? !options.clock) alerting.start();
  return self;
}
