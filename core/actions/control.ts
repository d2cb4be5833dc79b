import type { ActionOutcome, ControlAction } from '../contract/connectors.ts';
import type { AuditActor } from '../contract/actor.ts';
import type { GetStepDataOutput } from '../contract/runs.ts';
import type { RuntimeCache } from '../sync/runtime.ts';
import type { ConnectorActions } from '../sync/vendors/types.ts';
import { VENDOR_WORDS } from '../sync/vendor-words.ts';
import type { Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/logger.ts';
import type { EventBus } from '../rpc/event-bus.ts';
import type { Scheduler } from '../sync/scheduler.ts';
import type { ConnectorSyncRepo } from '../store/connector-sync-repo.ts';
import type { Ledger } from '../store/ledger.ts';
import { HttpFailure } from '../platform/http/types.ts';
import { readStepData } from './step-data.ts';
import { failureWords } from './failure-words.ts';

export { failureWords };

export interface ControlDeps {
  ledger: Ledger;
  repo: ConnectorSyncRepo;
  runtimes: RuntimeCache;
  scheduler: Scheduler;
  events: EventBus;
  clock: Clock;
  logger: Logger;
}

/** What an action acts on, resolved from a run or a workflow. */
interface Target {
  connectorId: string;
  externalId: string;
  /** "run 1234 of Nightly sync" — for messages and the audit log. */
  label: string;
  auditTarget: string;
}

/** One attempt as a bulk job sees it: the outcome, and whether the vendor itself said no (refused) or could not be asked (failed). */
export interface Attempt {
  outcome: ActionOutcome;
  refused: boolean;
}

/** Options of one attempt: n8n's `loadWorkflow`, the bulk job it belongs to (for the audit log), no poll after it. */
export interface AttemptOptions {
  loadWorkflow?: boolean;
  bulkJob?: string;
  pollAfter?: boolean;
}

/** The vendor answered and declined (not found, conflict, not allowed for this run), as opposed to an outage or a bad credential. */
function vendorRefused(error: unknown): boolean {
  return error instanceof HttpFailure && error.kind !== 'rate_limited' && error.status !== null && [400, 403, 404, 409, 410, 422].includes(error.status);
}

/** Delay before the poll that picks up what an action started (a GitHub re-run is queued, not instant). */
const POLL_AFTER_ACTION_MS = 2_000;

const VERBS: Record<ControlAction, { method: Exclude<keyof ConnectorActions, 'restoreWorkflow'>; audit: string; verb: string }> = {
  'retry-run': { method: 'retryRun', audit: 'runs/retry-run', verb: 'retry' },
  'rerun-run': { method: 'rerunRun', audit: 'runs/rerun-run', verb: 're-run' },
  'activate-workflow': { method: 'activateWorkflow', audit: 'workflows/activate-workflow', verb: 'activate' },
  'deactivate-workflow': { method: 'deactivateWorkflow', audit: 'workflows/deactivate-workflow', verb: 'deactivate' },
  'run-workflow': { method: 'runWorkflow', audit: 'workflows/run-workflow', verb: 'run' },
};


/** Control actions on a vendor (retry, re-run, (de)activate, run): checked, performed, audited, then polled. */
export class ControlActions {
  private readonly d: ControlDeps;

  constructor(deps: ControlDeps) {
    this.d = deps;
  }

  runAction(action: 'retry-run' | 'rerun-run', runId: number, by: AuditActor): Promise<ActionOutcome> {
    return this.attemptRun(action, runId, by).then((a) => a.outcome);
  }

  /** A retry or re-run of one run, told apart as started / refused / failed (the bulk job's report). */
  attemptRun(action: 'retry-run' | 'rerun-run', runId: number, by: AuditActor, options: AttemptOptions = {}): Promise<Attempt> {
    const run = this.d.ledger.runs.get(runId);
    if (!run) return Promise.resolve({ outcome: { ok: false, reason: 'not_found', message: 'This run is no longer in the ledger.' }, refused: true });
    return this.perform(action, {
      connectorId: run.connectorId, externalId: run.externalId, label: `run ${run.externalId} of “${run.workflowName}”`, auditTarget: `run:${runId}`,
    }, by, options);
  }

  /** The vendor's own data about the run's failing step, fetched now and kept nowhere (`runs/get-step-data`). */
  stepData(runId: number): Promise<GetStepDataOutput> {
    return readStepData(this.d, runId);
  }

  workflowAction(action: 'activate-workflow' | 'deactivate-workflow' | 'run-workflow', workflowId: number, by: AuditActor): Promise<ActionOutcome> {
    const wf = this.d.repo.workflow(workflowId);
    if (!wf) return Promise.resolve({ ok: false, reason: 'not_found', message: 'This workflow is no longer in the ledger.' });
    return this.perform(action, { connectorId: wf.connectorId, externalId: wf.externalId, label: `“${wf.name}”`, auditTarget: `workflow:${workflowId}` }, by)
      .then(({ outcome }) => {
        if (outcome.ok && action !== 'run-workflow') {
          this.d.repo.setWorkflowActive(workflowId, action === 'activate-workflow', this.d.clock.now(), by.actor);
          this.d.events.emit('ledger/changed', { tables: ['workflows'], connectorId: wf.connectorId });
        }
        return outcome;
      });
  }

  private async perform(action: ControlAction, target: Target, by: AuditActor, options: AttemptOptions = {}): Promise<Attempt> {
    const { verb, method, audit } = VERBS[action];
    const state = this.d.repo.get(target.connectorId);
    const words = VENDOR_WORDS[state?.kind ?? 'demo'];
    const runtime = state && state.removedAt === null ? this.d.runtimes.get(state) : null;
    const fn = runtime?.driver.actions[method];
    let outcome: ActionOutcome;
    let refused = true;
    if (!state || state.removedAt !== null) {
      outcome = { ok: false, reason: 'unsupported', message: `Its connector was removed, so Flowdeck cannot ${verb} ${target.label}.` };
    } else if (!runtime || !fn) {
      outcome = { ok: false, reason: 'unsupported', message: `${words.label} does not let Flowdeck ${verb} ${target.label}.` };
    } else {
      try {
        const summary = method === 'retryRun' && options.loadWorkflow
          ? await runtime.driver.actions.retryRun!(target.externalId, { loadWorkflow: true })
          : await fn.call(runtime.driver.actions, target.externalId);
        outcome = { ok: true, message: runtime.redact(summary || `${words.label} accepted the ${verb} of ${target.label}.`) };
      } catch (error) {
        refused = vendorRefused(error);
        outcome = { ok: false, reason: 'failed', message: runtime.redact(`Could not ${verb} ${target.label}: ${failureWords(error, words.label, words.credential)}`) };
      }
    }
    this.d.ledger.audit.append({
      ...by, action: audit, target: target.auditTarget,
      detail: {
        connectorId: target.connectorId, externalId: target.externalId, result: outcome.ok ? 'ok' : outcome.reason, message: outcome.message,
        ...(options.loadWorkflow ? { loadWorkflow: true } : {}), ...(options.bulkJob ? { bulkJob: options.bulkJob } : {}),
      },
    }, this.d.clock.now());
    this.d.events.emit('ledger/changed', { tables: ['audit_log'], connectorId: target.connectorId });
    if (outcome.ok && options.pollAfter !== false) this.d.scheduler.pollSoon(target.connectorId, POLL_AFTER_ACTION_MS);
    else if (!outcome.ok) this.d.logger.info('control action not done', { action, target: target.auditTarget, reason: outcome.reason });
    return { outcome, refused: !outcome.ok && refused };
  }

  /** After a bulk job: one poll to pick up what it started. */
  pollSoon(connectorId: string): void {
    this.d.scheduler.pollSoon(connectorId, POLL_AFTER_ACTION_MS);
  }
}
