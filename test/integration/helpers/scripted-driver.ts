import { auditActorOf } from '../../../core/contract/actor.ts';
import { afterEach } from 'vitest';
import type { AnyEvent } from '../../../core/contract/events.ts';
import { createCore, type Core } from '../../../core/app.ts';
import { ConnectorSyncRepo } from '../../../core/store/connector-sync-repo.ts';
import type { DriverRegistry } from '../../../core/sync/vendors/registry.ts';
import type { HttpFactory } from '../../../core/sync/runtime.ts';
import type { ConnectorActions, ConnectorDeps, ConnectorDriver, RunsPage, TestOutcome, WorkflowDefinition } from '../../../core/sync/vendors/types.ts';
import type { IngestRecord } from '../../../core/sync/ingest/record.ts';
import { fixedClock } from '../../../core/platform/clock.ts';
import { createMemoryLogger } from '../../../core/platform/logger.ts';
import { createSecretStore, type MemorySecretStore } from '../../../core/platform/secrets/index.ts';
import type { Cadence } from '../../../core/sync/cadence.ts';
import { ManualTimers } from '../../support/manual-timers.ts';
import { createRateBudget } from '../../../core/platform/http/rate-budget.ts';
import { ledgerDb } from '../../../core/store/ledger-db.ts';

export const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);

export interface VendorRun {
  id: number;
  workflow: string;
  status: 'success' | 'failed' | 'running' | 'waiting';
  startedAt: number;
}

/**
 * A vendor in memory, n8n-like: runs newest first by numeric id, keyset cursor `after:<id>` over the runs newer than
 * the high-water mark, pages of `pageSize`. Failures are scripted per call; `gate` holds listRuns until released.
 */
export class ScriptedVendor {
  runs: VendorRun[] = [];
  workflows: WorkflowDefinition[] = [];
  pageSize = 3;
  readonly calls: { op: string; arg: unknown; connectorId: string }[] = [];
  private failures: { op: string; error: unknown }[] = [];
  gate: Promise<void> | null = null;
  inFlight = 0;
  maxInFlight = 0;
  actions: ConnectorActions = {};
  testOutcome: TestOutcome = { ok: true, workflows: 2, message: 'Connected — 2 workflows' };

  add(...runs: VendorRun[]): this {
    this.runs.push(...runs);
    return this;
  }

  /** The next call to `op` ('listRuns', 'listWorkflows', 'refreshRuns', '*') throws `error`. */
  failNext(op: string, error: unknown, times = 1): this {
    for (let i = 0; i < times; i++) this.failures.push({ op, error });
    return this;
  }

  record(run: VendorRun): IngestRecord {
    const done = run.status === 'success' || run.status === 'failed';
    return {
      externalId: String(run.id), workflow: { externalId: run.workflow, name: `Workflow ${run.workflow}` },
      rawStatus: run.status === 'failed' ? 'error' : run.status, status: run.status, startedAt: run.startedAt,
      finishedAt: done ? run.startedAt + 1000 : null, durationMs: done ? 1000 : null,
      errorMessage: run.status === 'failed' ? `Run ${run.id} failed` : null,
    };
  }

  driver(deps: ConnectorDeps): ConnectorDriver {
    const connectorId = deps.config.id;
    const step = async (op: string, arg: unknown) => {
      this.calls.push({ op, arg, connectorId });
      const i = this.failures.findIndex((f) => f.op === op || f.op === '*');
      if (i >= 0) throw this.failures.splice(i, 1)[0]!.error;
    };
    return {
      kind: deps.config.kind,
      actions: this.actions,
      testConnection: async () => {
        this.calls.push({ op: 'testConnection', arg: await deps.credential(), connectorId });
        return this.testOutcome;
      },
      listWorkflows: async () => {
        await step('listWorkflows', null);
        return this.workflows;
      },
      listRuns: async (cursor): Promise<RunsPage> => {
        this.inFlight++;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        try {
          if (this.gate) await this.gate;
          await step('listRuns', cursor);
          const hw = cursor ? Number(cursor.split(':')[1]) : 0;
          const newer = this.runs.filter((r) => r.id > hw).sort((a, b) => a.id - b.id);
          const page = newer.slice(0, this.pageSize);
          const last = page.at(-1);
          return { records: page.map((r) => this.record(r)), cursor: last ? `after:${last.id}` : cursor, hasMore: newer.length > page.length };
        } finally {
          this.inFlight--;
        }
      },
      refreshRuns: async (ids) => {
        await step('refreshRuns', ids);
        return this.runs.filter((r) => ids.includes(String(r.id))).map((r) => this.record(r));
      },
    };
  }
}

export const stubHttp: HttpFactory = (o) => {
  const budget = createRateBudget(o.budget, { clock: o.clock, sleep: () => Promise.resolve() });
  return {
    request: () => Promise.reject(new Error('no HTTP in this test')),
    stats: () => ({ requests: 0, retries: 0, failures: 0, budget: budget.usage(), breaker: 'closed' }),
  };
};

export interface SchedulerHarness {
  core: Core;
  clock: ReturnType<typeof fixedClock>;
  timers: ManualTimers;
  secrets: MemorySecretStore;
  logger: ReturnType<typeof createMemoryLogger>;
  events: AnyEvent[];
  /** Moves fake time forward, running every poll that falls due. */
  advance(ms: number): Promise<void>;
  /** Adds an n8n-kind connector through the service (credential to the memory keychain). */
  addConnector(name: string, credential?: string): Promise<string>;
}

export function schedulerHarness(vendor: ScriptedVendor, options: { dataDir?: string; cadence?: Partial<Cadence>; concurrency?: number; drivers?: DriverRegistry } = {}): SchedulerHarness {
  const clock = fixedClock(T0);
  const timers = new ManualTimers(clock);
  const secrets = createSecretStore({ kind: 'memory' });
  const logger = createMemoryLogger();
  const drivers: DriverRegistry = options.drivers ?? {
    n8n: { factory: (deps) => vendor.driver(deps), budget: () => null },
    github: { factory: (deps) => vendor.driver(deps), budget: () => ({ limit: 5000, windowMs: 3_600_000 }) },
  };
  const core = createCore({
    dataDir: options.dataDir ?? ':memory:', clock, logger,
    connectors: {
      secrets, drivers, createHttp: stubHttp, timers, random: () => 0.5,
      ...(options.cadence ? { cadence: options.cadence } : {}), ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    },
  });
  const events: SchedulerHarness['events'] = [];
  core.events.subscribeAll((event) => events.push(event));
  return {
    core, clock, timers, secrets, logger, events,
    advance: (ms) => timers.advance(ms, () => core.connectors.scheduler.idle()),
    async addConnector(name, credential = `key-for-${name}-0123456789`) {
      const added = await core.connectors.service.add({ kind: 'n8n', name, baseUrl: 'https://n8n.example.test', options: {}, credential }, auditActorOf({ actor: 'alice' }));
      if (!added.ok) throw new Error(added.message);
      return added.connector.id;
    },
  };
}

type HarnessOptions = Parameters<typeof schedulerHarness>[1];

/**
 * For a test file: registers the clean-up and returns `build(vendor, options)` (a harness, scheduler not started)
 * and `start(vendor, options)` (the same, started). One harness at a time.
 */
export function harnessesForFile(): {
  build: (vendor: ScriptedVendor, options?: HarnessOptions) => SchedulerHarness;
  start: (vendor: ScriptedVendor, options?: HarnessOptions) => SchedulerHarness;
} {
  let current: SchedulerHarness | null = null;
  afterEach(async () => {
    await current?.core.connectors.scheduler.stop();
    current?.core.close();
    current = null;
  });
  const build = (vendor: ScriptedVendor, options: HarnessOptions = {}) => (current = schedulerHarness(vendor, options));
  return {
    build,
    start: (vendor, options = {}) => {
      const h = build(vendor, options);
      h.core.connectors.scheduler.start();
      return h;
    },
  };
}

/** The connector's poll state as the scheduler stored it. */
export const syncState = (h: SchedulerHarness, id: string) => new ConnectorSyncRepo(ledgerDb(h.core.ledger)).get(id)!;
export const listRunCalls = (v: ScriptedVendor) => v.calls.filter((c) => c.op === 'listRuns');
