import { BulkActions, ControlActions } from '../actions/index.ts';
import type { Handlers } from '../contract/handlers.ts';
import type { IngestPage, IngestResult } from '../sync/ingest/record.ts';
import type { Clock } from '../platform/clock.ts';
import { createHttpClient } from '../platform/http/client.ts';
import type { Logger } from '../platform/logger.ts';
import { SecretStoreUnavailable, type SecretStore } from '../platform/secrets/types.ts';
import type { EventBus } from '../rpc/event-bus.ts';
import type { Cadence } from '../sync/cadence.ts';
import { Scheduler } from '../sync/scheduler.ts';
import type { Timers } from '../sync/timers.ts';
import type { ConnectorSyncRepo } from '../store/connector-sync-repo.ts';
import type { Ledger } from '../store/ledger.ts';
import { connectorsHandlers } from './handlers.ts';
import { defaultDriverRegistry, type DriverRegistry } from '../sync/vendors/registry.ts';
import { RuntimeCache, type HttpFactory } from '../sync/runtime.ts';
import { ConnectorService } from './service.ts';

export interface ConnectorsModuleOptions {
  ledger: Ledger;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  ingest(page: IngestPage): IngestResult;
  /** Where credentials live. Without one, adding a connector is refused (nothing falls back to the database). */
  secrets?: SecretStore;
  drivers?: DriverRegistry;
  createHttp?: HttpFactory;
  timers?: Timers;
  random?: () => number;
  cadence?: Partial<Cadence>;
  concurrency?: number;
  /** Per connector, what keeps Flowdeck from seeing its workflows now (core/state). */
  blindness?: () => ReadonlyMap<string, string>;
}

export interface ConnectorsModule {
  repo: ConnectorSyncRepo;
  runtimes: RuntimeCache;
  scheduler: Scheduler;
  service: ConnectorService;
  actions: ControlActions;
  /** Bulk retry / re-run of a filtered run list, through `actions`. */
  bulk: BulkActions;
  handlers: Partial<Handlers>;
}

/** A process that opened no keychain (status, export, the demo): reading or storing a credential is refused plainly. */
export const noSecretStore: SecretStore = {
  set: () => Promise.reject(new SecretStoreUnavailable('This Flowdeck process has no keychain open, so it cannot store credentials.')),
  get: () => Promise.reject(new SecretStoreUnavailable('This Flowdeck process has no keychain open, so it cannot read credentials.')),
  delete: () => Promise.reject(new SecretStoreUnavailable('This Flowdeck process has no keychain open, so it cannot delete credentials.')),
};

/** Wires connectors, their scheduler and control actions over one ledger. The scheduler is not started here. */
export function createConnectorsModule(o: ConnectorsModuleOptions): ConnectorsModule {
  const repo = o.ledger.sync;
  const secrets = o.secrets ?? noSecretStore;
  const runtimes = new RuntimeCache({
    registry: o.drivers ?? defaultDriverRegistry(), secrets, clock: o.clock, logger: o.logger, createHttp: o.createHttp ?? createHttpClient,
  });
  const scheduler = new Scheduler({
    repo, runtimes, ingest: o.ingest, events: o.events, clock: o.clock, logger: o.logger,
    setHealth: (id, health, message) => o.ledger.connectors.setHealth(id, health, message),
    ...(o.timers ? { timers: o.timers } : {}), ...(o.random ? { random: o.random } : {}),
    ...(o.cadence ? { cadence: o.cadence } : {}), ...(o.concurrency ? { concurrency: o.concurrency } : {}),
  });
  const service = new ConnectorService({ ledger: o.ledger, repo, events: o.events, clock: o.clock, logger: o.logger, secrets, runtimes, scheduler,
    ...(o.blindness ? { blindness: o.blindness } : {}) });
  const actions = new ControlActions({ ledger: o.ledger, repo, runtimes, scheduler, events: o.events, clock: o.clock, logger: o.logger });
  const bulk = new BulkActions({ ledger: o.ledger, repo, runtimes, actions, events: o.events, clock: o.clock, logger: o.logger });
  return { repo, runtimes, scheduler, service, actions, bulk, handlers: connectorsHandlers(service) };
}
