import { randomBytes } from 'node:crypto';
import type { AuditActor } from '../contract/actor.ts';
import type { ConnectorListItem, ConnectorDraft, PollNowOutput, TestOutcomeWire } from '../contract/connectors.ts';
import { optionsProblem } from '../contract/connector-forms.ts';
import type { Clock } from '../platform/clock.ts';
import { signingSecretRef } from '../push/index.ts';
import type { Logger } from '../platform/logger.ts';
import { SecretStoreUnavailable, type SecretStore } from '../platform/secrets/types.ts';
import type { EventBus } from '../rpc/event-bus.ts';
import type { Scheduler } from '../sync/scheduler.ts';
import type { ConnectorState, ConnectorSyncRepo } from '../store/connector-sync-repo.ts';
import type { Ledger } from '../store/ledger.ts';
import type { RuntimeCache } from '../sync/runtime.ts';
import { redact, VENDOR_WORDS } from '../sync/vendor-words.ts';

export type AddOutcome =
  | { ok: true; connector: { id: string; name: string }; message: string }
  | { ok: false; reason: 'name_taken' | 'keychain_unavailable' | 'invalid_options'; message: string };
export type SimpleOutcome =
  | { ok: true; message: string }
  | { ok: false; reason: 'not_found' | 'keychain_unavailable' | 'not_polled'; message: string };
export type DraftTest = Omit<ConnectorDraft, 'name'> & { name?: string | undefined };

export interface ConnectorServiceDeps {
  ledger: Ledger;
  repo: ConnectorSyncRepo;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  secrets: SecretStore;
  runtimes: RuntimeCache;
  scheduler: Scheduler;
  newId?: (kind: string) => string;
  /** Per connector, what keeps Flowdeck from seeing its workflows now (core/state), if anything. */
  blindness?: () => ReadonlyMap<string, string>;
}

const notFound = (id: string): SimpleOutcome => ({ ok: false, reason: 'not_found', message: `There is no connector "${id}".` });

function keychainMessage(error: SecretStoreUnavailable): string {
  return `${error.message} Flowdeck never keeps credentials in its own database.`;
}

/** Adding, testing, pausing and removing connectors; credentials go to the SecretStore, never to SQLite. */
export class ConnectorService {
  private readonly d: ConnectorServiceDeps;

  constructor(deps: ConnectorServiceDeps) {
    this.d = deps;
  }

  list(): ConnectorListItem[] {
    const blind = this.d.blindness?.() ?? new Map<string, string>();
    return this.d.repo.listActive().map((s) => this.item(s, blind.get(s.id) ?? null));
  }

  find(nameOrId: string): ConnectorState | undefined {
    return this.d.repo.find(nameOrId);
  }

  /** "Test connection" on a draft: the credential is used for this one check and kept nowhere. */
  async test(draft: DraftTest): Promise<TestOutcomeWire> {
    const problem = optionsProblem(draft.kind, draft.options);
    if (problem) return { ok: false, reason: 'error', message: problem };
    const runtime = this.d.runtimes.draft({ id: 'draft', kind: draft.kind, name: draft.name ?? 'draft', baseUrl: draft.baseUrl, config: draft.options }, draft.credential);
    if (!runtime) return { ok: false, reason: 'error', message: `Flowdeck has no connector for ${draft.kind} yet.` };
    return this.safeTest(() => runtime.driver.testConnection(), [draft.credential]);
  }

  /** Tests a saved connector with the credential from the keychain. */
  async testStored(id: string): Promise<TestOutcomeWire | null> {
    const state = this.d.repo.get(id);
    if (!state || state.removedAt !== null) return null;
    const runtime = this.d.runtimes.get(state);
    if (!runtime) return { ok: false, reason: 'error', message: `${VENDOR_WORDS[state.kind].label} connectors are not polled, so there is nothing to test.` };
    let secret: string | null;
    try {
      secret = await runtime.credential();
    } catch (error) {
      if (error instanceof SecretStoreUnavailable) return { ok: false, reason: 'no_credential', message: keychainMessage(error) };
      throw error;
    }
    if (!secret) {
      const w = VENDOR_WORDS[state.kind];
      return { ok: false, reason: 'no_credential', message: `The ${w.credential} for "${state.name}" is not in the keychain. Add it again.` };
    }
    return this.safeTest(() => runtime.driver.testConnection(), [secret]);
  }

  async add(draft: ConnectorDraft, by: AuditActor): Promise<AddOutcome> {
    const { ledger, repo, clock, secrets } = this.d;
    const name = draft.name.trim();
    if (repo.nameTaken(name)) return { ok: false, reason: 'name_taken', message: `A connector named "${name}" already exists. Pick another name.` };
    const problem = optionsProblem(draft.kind, draft.options);
    if (problem) return { ok: false, reason: 'invalid_options', message: problem };
    const id = (this.d.newId ?? defaultId)(draft.kind);
    const secretRef = `connector:${id}`;
    try {
      await secrets.set(secretRef, draft.credential);
    } catch (error) {
      if (error instanceof SecretStoreUnavailable) return { ok: false, reason: 'keychain_unavailable', message: keychainMessage(error) };
      throw error;
    }
    const now = clock.now();
    try {
      ledger.write(() => {
        ledger.connectors.create({ id, kind: draft.kind, name, baseUrl: draft.baseUrl, secretRef, config: draft.options }, now);
        ledger.audit.append({ ...by, action: 'connectors/add-connector', target: `connector:${id}`, detail: { kind: draft.kind, name, baseUrl: draft.baseUrl } }, now);
      });
    } catch (error) {
      await secrets.delete(secretRef).catch(() => false);
      throw error;
    }
    this.changed(id);
    this.d.scheduler.reload([id]);
    return { ok: true, connector: { id, name }, message: `Saved "${name}". Its ${VENDOR_WORDS[draft.kind].credential} is in the system keychain.${this.d.scheduler.started ? ' The first poll starts now.' : ''}` };
  }

  /** A push connector: runs arrive at the local receiver (core/push), which makes its signing secret on first use. */
  addPush(rawName: string, by: AuditActor): AddOutcome {
    const { ledger, repo, clock } = this.d;
    const name = rawName.trim();
    if (repo.nameTaken(name)) return { ok: false, reason: 'name_taken', message: `A connector named "${name}" already exists. Pick another name.` };
    const id = (this.d.newId ?? defaultId)('push');
    const now = clock.now();
    ledger.write(() => {
      ledger.connectors.create({ id, kind: 'push', name }, now);
      ledger.audit.append({ ...by, action: 'connectors/add-connector', target: `connector:${id}`, detail: { kind: 'push', name } }, now);
    });
    ledger.connectors.setHealth(id, 'ok', 'Waiting for heartbeats and webhooks.');
    this.changed(id);
    return { ok: true, connector: { id, name }, message: `Added "${name}". Create a heartbeat monitor to get a ping URL.` };
  }

  /** Removes a connector and its keychain item. Its runs stay in the ledger. */
  async remove(id: string, by: AuditActor): Promise<SimpleOutcome> {
    const { ledger, repo, clock, secrets } = this.d;
    const state = repo.get(id);
    if (!state || state.removedAt !== null) return notFound(id);
    const refs = [state.secretRef, state.kind === 'push' ? signingSecretRef(id) : null].filter((r): r is string => r !== null);
    for (const ref of refs) {
      try {
        await secrets.delete(ref);
      } catch (error) {
        if (error instanceof SecretStoreUnavailable) return { ok: false, reason: 'keychain_unavailable', message: keychainMessage(error) };
        throw error;
      }
    }
    const now = clock.now();
    ledger.write(() => {
      repo.markRemoved(id, this.removedName(state.name, now), now);
      ledger.audit.append({ ...by, action: 'connectors/remove-connector', target: `connector:${id}`, detail: { name: state.name, kind: state.kind } }, now);
    });
    this.d.runtimes.invalidate(id);
    this.d.scheduler.reload();
    this.changed(id);
    return { ok: true, message: `Removed "${state.name}" and its credential. The ${state.runCount} runs it collected stay in the ledger.` };
  }

  setPaused(id: string, paused: boolean, by: AuditActor): SimpleOutcome {
    const { ledger, repo, clock } = this.d;
    const state = repo.get(id);
    if (!state || state.removedAt !== null) return notFound(id);
    const now = clock.now();
    const health = paused ? 'paused' : 'new';
    const message = paused ? `Paused by ${by.actor}. Flowdeck does not poll it until it is resumed.` : 'Resumed; checking it now.';
    ledger.write(() => {
      repo.setPaused(id, paused);
      if (paused) repo.setNextPoll(id, null);
      ledger.connectors.setHealth(id, health, message);
      ledger.audit.append({ ...by, action: paused ? 'connectors/pause-connector' : 'connectors/resume-connector', target: `connector:${id}`, detail: { name: state.name } }, now);
    });
    this.d.scheduler.reload(paused ? [] : [id]);
    this.d.events.emit('connectors/health-changed', { connectorId: id, health, message });
    this.changed(id);
    return { ok: true, message: paused ? `Paused "${state.name}".` : `Resumed "${state.name}".` };
  }

  /** Replaces the stored credential (a rotated or re-created key) and polls at once. */
  async setCredential(id: string, credential: string, by: AuditActor): Promise<SimpleOutcome> {
    const { ledger, repo, clock, secrets } = this.d;
    const state = repo.get(id);
    if (!state || state.removedAt !== null) return notFound(id);
    const ref = state.secretRef ?? `connector:${id}`;
    try {
      await secrets.set(ref, credential);
    } catch (error) {
      if (error instanceof SecretStoreUnavailable) return { ok: false, reason: 'keychain_unavailable', message: keychainMessage(error) };
      throw error;
    }
    ledger.write(() => {
      if (!state.secretRef) repo.setSecretRef(id, ref);
      ledger.audit.append({ ...by, action: 'connectors/set-credential', target: `connector:${id}`, detail: { name: state.name } }, clock.now());
    });
    this.d.runtimes.invalidate(id);
    this.d.scheduler.reload([id]);
    this.d.scheduler.pollSoon(id);
    return { ok: true, message: `Stored the new ${VENDOR_WORDS[state.kind].credential} for "${state.name}" in the keychain.` };
  }

  async pollNow(id: string): Promise<PollNowOutput> {
    const state = this.d.repo.get(id);
    if (!state || state.removedAt !== null) return { ok: false, reason: 'not_found', health: null, message: `There is no connector "${id}".` };
    if (state.paused) return { ok: false, reason: 'paused', health: state.health, message: `"${state.name}" is paused. Resume it to poll.` };
    if (!this.d.runtimes.polls(state.kind)) return { ok: false, reason: 'not_polled', health: state.health, message: `"${state.name}" receives its runs; nothing polls it.` };
    const outcome = await this.d.scheduler.pollOnce(id);
    if (!outcome) return { ok: false, reason: 'not_found', health: null, message: `There is no connector "${id}".` };
    if (!outcome.ok) return { ok: false, reason: 'failed', health: outcome.health, message: outcome.message ?? 'The poll failed.' };
    const n = outcome.runsIngested;
    return { ok: true, health: outcome.health, runsIngested: n, message: `Polled "${state.name}": ${n} new run${n === 1 ? '' : 's'}.` };
  }

  private item(s: ConnectorState, blind: string | null): ConnectorListItem {
    const stats = this.d.runtimes.peek(s.id)?.stats();
    const scheduled = this.d.scheduler.nextPollAt(s.id);
    return {
      id: s.id, kind: s.kind, name: s.name, health: s.health, healthMessage: s.healthMessage, lastIngestAt: s.lastIngestAt,
      runCount: s.runCount, baseUrl: s.baseUrl, options: s.config, paused: s.paused, polled: this.d.runtimes.polls(s.kind),
      lastPollAt: s.lastPollAt, nextPollAt: s.paused ? null : scheduled ?? s.nextPollAt, lastSuccessAt: s.lastSuccessAt,
      consecutiveFailures: s.consecutiveFailures, runsIngested: s.runsIngested, firstSyncDone: s.firstSyncDone,
      budget: stats?.budget ?? null, createdAt: s.createdAt, blind,
    };
  }

  private removedName(name: string, now: number): string {
    const base = `${name} (removed ${new Date(now).toISOString().slice(0, 10)})`;
    let candidate = base;
    for (let i = 2; this.d.repo.nameTaken(candidate); i++) candidate = `${base} #${i}`;
    return candidate;
  }

  private changed(id: string): void {
    this.d.events.emit('ledger/changed', { tables: ['connectors'], connectorId: id });
  }

  /** A driver's verdict, with any credential scrubbed from the message; a driver that throws still gets a verdict. */
  private async safeTest(run: () => Promise<TestOutcomeWire>, secrets: string[]): Promise<TestOutcomeWire> {
    try {
      const outcome = await run();
      return { ...outcome, message: redact(outcome.message, secrets) };
    } catch (error) {
      const text = redact(error instanceof Error ? error.message : String(error), secrets);
      this.d.logger.warn('test connection threw', { error: text });
      return { ok: false, reason: 'error', message: `The test failed unexpectedly: ${text}` };
    }
  }
}

function defaultId(kind: string): string {
  return `${kind}-${randomBytes(5).toString('hex')}`;
}
