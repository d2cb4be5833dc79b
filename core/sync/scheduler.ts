import type { ConnectorSummary } from '../contract/catalog.ts';
import type { ConnectorRuntime } from './runtime.ts';
import type { IngestPage, IngestResult } from './ingest/record.ts';
import type { Clock } from '../platform/clock.ts';
import { HttpFailure } from '../platform/http/types.ts';
import type { Logger } from '../platform/logger.ts';
import type { EventBus } from '../rpc/event-bus.ts';
import type { ConnectorState, ConnectorSyncRepo } from '../store/connector-sync-repo.ts';
import { backoffDelay, DEFAULT_CADENCE, modeDelay, pollMode, withJitter, type Cadence, type PollMode } from './cadence.ts';
import { classifyFailure } from './health.ts';
import { runCycle } from './poll-cycle.ts';
import { nodeTimers, type TimerHandle, type Timers } from './timers.ts';

type Health = ConnectorSummary['health'];

export interface SchedulerDeps {
  repo: ConnectorSyncRepo;
  setHealth(id: string, health: Health, message: string | null): void;
  ingest(page: IngestPage): IngestResult;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  runtimes: { get(state: ConnectorState): ConnectorRuntime | null };
  timers?: Timers;
  random?: () => number;
  /** How many connectors poll at the same time. */
  concurrency?: number;
  cadence?: Partial<Cadence>;
  /** Pages per scheduled cycle before yielding to other connectors (a manual poll reads everything). */
  maxPagesPerCycle?: number;
}

export interface PollOutcome {
  ok: boolean;
  health: Health;
  message: string | null;
  runsIngested: number;
  pages: number;
  mode: PollMode | 'backoff';
  nextPollAt: number | null;
}

interface Entry {
  id: string;
  nextPollAt: number;
  nextWorkflowsAt: number;
  lastActivityAt: number;
  current: Promise<PollOutcome> | null;
}

const FULL_SYNC_PAGES = 100_000;

/**
 * Polls every active, unpaused connector that has a driver: one loop per connector with an adaptive cadence,
 * jitter, exponential backoff on errors, a global concurrency cap, and the connector's health kept up to date.
 * Time comes only from `clock` and `timers`, so tests run it on fake time.
 */
export class Scheduler {
  private readonly d: SchedulerDeps;
  private readonly c: Cadence;
  private readonly timers: Timers;
  private readonly random: () => number;
  private readonly cap: number;
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Set<Promise<PollOutcome>>();
  private timer: TimerHandle | null = null;
  private running = false;
  private scheduled = 0;

  constructor(deps: SchedulerDeps) {
    this.d = deps;
    this.c = { ...DEFAULT_CADENCE, ...deps.cadence };
    this.timers = deps.timers ?? nodeTimers;
    this.random = deps.random ?? Math.random;
    this.cap = Math.max(1, deps.concurrency ?? 4);
  }

  get started(): boolean {
    return this.running;
  }

  /** Loads the connectors and starts polling (spread over a few seconds). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.reload();
  }

  /** Stops scheduling and waits for the polls in flight. */
  async stop(): Promise<void> {
    this.halt();
    await this.idle();
  }

  /** Stops scheduling at once (polls in flight stop at their next page). */
  halt(): void {
    this.running = false;
    this.disarm();
  }

  /** Resolves when no poll is in flight. */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /** Re-reads which connectors to poll: removed and paused ones stop; `urgent` ones (added, resumed) poll at once. */
  reload(urgent: readonly string[] = []): void {
    if (!this.running) return;
    const now = this.d.clock.now();
    const wanted = new Map(this.d.repo.listActive().filter((s) => !s.paused && this.d.runtimes.get(s)).map((s) => [s.id, s]));
    for (const id of this.entries.keys()) if (!wanted.has(id)) this.entries.delete(id);
    for (const [id, s] of wanted) {
      if (this.entries.has(id)) continue;
      const backingOff = s.consecutiveFailures > 0 && s.nextPollAt !== null && s.nextPollAt > now;
      const first = s.lastPollAt === null || urgent.includes(id) ? now : now + Math.round(this.random() * this.c.startSpreadMs);
      this.entries.set(id, {
        id, nextWorkflowsAt: now, lastActivityAt: now, current: null,
        nextPollAt: backingOff ? Math.min(s.nextPollAt!, now + this.c.normalMs) : first,
      });
    }
    this.wake();
  }

  /** Polls a connector soon (after a control action or a credential change). */
  pollSoon(id: string, delayMs = 0): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    entry.nextPollAt = Math.min(entry.nextPollAt, this.d.clock.now() + delayMs);
    entry.nextWorkflowsAt = Math.min(entry.nextWorkflowsAt, entry.nextPollAt);
    this.wake();
  }

  /** When a connector polls next (null when the scheduler does not poll it). */
  nextPollAt(id: string): number | null {
    return this.entries.get(id)?.nextPollAt ?? null;
  }

  /** One complete poll now (every page), for `flowdeck poll --once` and "Poll now"; waits for a poll in flight. */
  async pollOnce(id: string): Promise<PollOutcome | null> {
    const entry = this.entries.get(id) ?? this.ephemeral(id);
    while (entry.current) await entry.current.catch(() => undefined);
    const state = this.d.repo.get(id);
    if (!state || state.removedAt !== null) return null;
    entry.nextWorkflowsAt = Math.min(entry.nextWorkflowsAt, this.d.clock.now());
    return this.launch(entry, state, FULL_SYNC_PAGES, false);
  }

  private ephemeral(id: string): Entry {
    const now = this.d.clock.now();
    return { id, nextPollAt: now, nextWorkflowsAt: now, lastActivityAt: now, current: null };
  }

  private disarm(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }

  /** Starts due connectors up to the cap, then sleeps until the next one is due. */
  private wake(): void {
    this.disarm();
    if (!this.running) return;
    const now = this.d.clock.now();
    const waiting = [...this.entries.values()].filter((e) => !e.current).sort((a, b) => a.nextPollAt - b.nextPollAt);
    for (const entry of waiting) {
      if (this.scheduled >= this.cap || entry.nextPollAt > now) break;
      const state = this.d.repo.get(entry.id);
      if (!state || state.removedAt !== null || state.paused) {
        this.entries.delete(entry.id);
        continue;
      }
      void this.launch(entry, state, this.d.maxPagesPerCycle ?? 20, true);
    }
    if (this.scheduled >= this.cap) return;
    const next = [...this.entries.values()].filter((e) => !e.current).reduce((min, e) => Math.min(min, e.nextPollAt), Infinity);
    if (next !== Infinity) this.timer = this.timers.set(() => this.wake(), Math.max(0, next - now));
  }

  private launch(entry: Entry, state: ConnectorState, maxPages: number, counted: boolean): Promise<PollOutcome> {
    if (counted) this.scheduled++;
    const p = this.cycle(entry, state, maxPages).finally(() => {
      entry.current = null;
      this.inFlight.delete(p);
      if (counted) this.scheduled--;
      this.wake();
    });
    entry.current = p;
    this.inFlight.add(p);
    return p;
  }

  private async cycle(entry: Entry, state: ConnectorState, maxPages: number): Promise<PollOutcome> {
    const { repo, clock, events } = this.d;
    const runtime = this.d.runtimes.get(state);
    const started = clock.now();
    if (!runtime) {
      return { ok: false, health: state.health, message: 'This connector has no poller.', runsIngested: 0, pages: 0, mode: 'idle', nextPollAt: null };
    }
    const firstSync = !state.firstSyncDone;
    const listWorkflows = entry.nextWorkflowsAt <= started;
    try {
      const result = await runCycle(state, runtime, { repo, ingest: this.d.ingest, now: () => clock.now() }, {
        listWorkflows, maxPages,
        cancelled: () => !this.running && maxPages !== FULL_SYNC_PAGES,
        onPage: firstSync ? (p) => events.emit('sync/progressed', { connectorId: state.id, runsIngested: p.inserted, pages: p.pages, done: false }) : undefined,
      });
      const now = clock.now();
      if (listWorkflows) entry.nextWorkflowsAt = now + this.c.workflowsMs;
      if (result.inserted + result.updated > 0) entry.lastActivityAt = now;
      const mode = pollMode({
        hasMore: result.hasMore, unfinished: result.unfinished, now, lastActivityAt: entry.lastActivityAt,
        recentFailures: repo.failuresSince(state.id, now - this.c.failingWindowMs),
      }, this.c);
      entry.nextPollAt = now + withJitter(modeDelay(mode, this.c), this.c.jitter, this.random);
      const syncDone = firstSync && !result.hasMore;
      repo.recordPoll(state.id, { at: now, nextPollAt: this.nextFor(entry), ok: true, error: null, consecutiveFailures: 0, runsInserted: result.inserted, firstSyncDone: !firstSync || syncDone });
      if (syncDone) events.emit('sync/progressed', { connectorId: state.id, runsIngested: result.inserted, pages: result.pages, done: true });
      if (result.workflows && result.workflows.added + result.workflows.changed > 0) {
        events.emit('ledger/changed', { tables: ['workflows'], connectorId: state.id });
      }
      // A poll that worked but could not take everything in is honest about it.
      const health: Health = result.lost.length ? 'degraded' : 'ok';
      this.health(state, health, result.lost.length ? `Polling works, but some data did not come in: ${result.lost.join(' ')}` : await this.credentialWarning(runtime));
      events.emit('connectors/polled', { connectorId: state.id, ok: true, at: now, nextPollAt: this.nextFor(entry) });
      return { ok: true, health, message: null, runsIngested: result.inserted, pages: result.pages, mode, nextPollAt: this.nextFor(entry) };
    } catch (error) {
      return this.failed(entry, state, runtime, error);
    }
  }

  private failed(entry: Entry, state: ConnectorState, runtime: ConnectorRuntime, error: unknown): PollOutcome {
    const { repo, clock, events } = this.d;
    const now = clock.now();
    const failures = state.consecutiveFailures + 1;
    const retryAt = error instanceof HttpFailure ? error.retryAt : null;
    const delay = withJitter(backoffDelay(failures, this.c, retryAt, now), this.c.jitter, this.random);
    const verdict = classifyFailure(error, { kind: state.kind, baseUrl: state.baseUrl, failures, hadCursor: state.cursor !== null, retryInMs: delay });
    const message = runtime.redact(verdict.message);
    if (verdict.resetCursor) repo.resetCursor(state.id);
    entry.nextPollAt = verdict.resetCursor ? now + this.c.continueMs : now + delay;
    repo.recordPoll(state.id, {
      at: now, nextPollAt: this.nextFor(entry), ok: false, error: message, consecutiveFailures: verdict.resetCursor ? 0 : failures,
      runsInserted: 0, firstSyncDone: state.firstSyncDone,
    });
    this.d.logger.warn('poll failed', {
      connectorId: state.id, health: verdict.health, failures,
      error: runtime.redact(error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
    });
    this.health(state, verdict.health, message);
    events.emit('connectors/polled', { connectorId: state.id, ok: false, at: now, nextPollAt: this.nextFor(entry) });
    return { ok: false, health: verdict.health, message, runsIngested: 0, pages: 0, mode: 'backoff', nextPollAt: this.nextFor(entry) };
  }

  /** A driver that knows its credential's expiry (n8n keys are JWTs with `exp`) warns ahead of it; the poll still counts as ok. */
  private async credentialWarning(runtime: ConnectorRuntime): Promise<string | null> {
    const driver = runtime.driver as { credentialWarning?: () => Promise<string | null> };
    if (typeof driver.credentialWarning !== 'function') return null;
    try {
      const warning = await driver.credentialWarning();
      return warning ? runtime.redact(warning) : null;
    } catch {
      return null;
    }
  }

  /** The next poll time worth showing: only connectors this scheduler runs have one. */
  private nextFor(entry: Entry): number | null {
    return this.running && this.entries.get(entry.id) === entry ? entry.nextPollAt : null;
  }

  private health(state: ConnectorState, health: Health, message: string | null): void {
    const current = this.d.repo.get(state.id);
    if (!current || current.removedAt !== null) return;
    // A pause that landed while the poll ran wins.
    if (current.paused) return;
    if (current.health === health && current.healthMessage === message) return;
    this.d.setHealth(state.id, health, message);
    this.d.events.emit('connectors/health-changed', { connectorId: state.id, health, message });
    this.d.events.emit('ledger/changed', { tables: ['connectors'], connectorId: state.id });
  }
}
