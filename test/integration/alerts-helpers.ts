import { createCore, type Core } from '../../core/app.ts';
import type { Remediator } from '../../core/alerts/remediation.ts';
import type { Input, Method, Output } from '../../core/contract/handlers.ts';
import type { RuleDraft } from '../../core/contract/alerts.ts';
import { CoreError } from '../../core/contract/errors.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { createSecretStore } from '../../core/platform/secrets/index.ts';
import type { ChannelTarget, NotificationMessage, Notifier, NotifierRegistry } from '../../core/platform/notify/types.ts';

export const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
export const MIN = 60_000;

export interface Sent {
  channel: string;
  kind: NotificationMessage['kind'];
  incidentId: number | null;
  title: string;
}

interface RunOpts { at?: number; durationMs?: number; itemCount?: number; retrySuccessId?: string; id?: string; deepLink?: string }

export type AlertCore = Core & {
  clock: ReturnType<typeof fixedClock>;
  sent: Sent[];
  remediations: string[];
  call<M extends Method>(method: M, input: Input<M>, actor?: string): Promise<Output<M>>;
  /** Ingest one run of workflow `wf` (external id) at the current clock time (or `at`). */
  run(wf: string, status: 'success' | 'failed' | 'running', opts?: RunOpts): void;
  /** Evaluate at the current clock time, then deliver what is due. */
  step(toMs?: number): Promise<void>;
  channel(name: string): Promise<number>;
  rule(draft: Partial<RuleDraft> & Pick<RuleDraft, 'condition'>): Promise<number>;
  workflowId(externalId: string): number;
};

/** A recording notifier for every kind: the outbox really runs, deliveries are persisted. */
function recorder(sent: Sent[]): Notifier {
  return { send: async (m: NotificationMessage, t: ChannelTarget) => { sent.push({ channel: t.name, kind: m.kind, incidentId: m.incidentId, title: m.title }); } };
}

/** `polled: false`: the connector is never polled, so Flowdeck cannot see its workflows (default: polled at every step). */
export function alertCore(options: { notifiers?: NotifierRegistry; remediator?: Remediator; polled?: boolean } = {}): AlertCore {
  const clock = fixedClock(T0);
  const sent: Sent[] = [];
  const remediations: string[] = [];
  const rec = recorder(sent);
  const remediator: Remediator = options.remediator ?? {
    retryRun: async (runId, by) => { remediations.push(`retry run ${runId} by ${by.actor}`); return { ok: true, message: `Retried run ${runId}` }; },
    deactivateWorkflow: async (workflowId, by) => { remediations.push(`deactivate workflow ${workflowId} by ${by.actor}`); return { ok: true, message: `Deactivated workflow ${workflowId}` }; },
  };
  const core = createCore({
    dataDir: ':memory:', clock, logger: createMemoryLogger(), connectors: { secrets: createSecretStore({ kind: 'memory' }) },
    alerting: { notifiers: { desktop: rec, slack: rec, teams: rec, webhook: rec, email: rec, ...options.notifiers }, remediator },
  });
  core.ledger.connectors.create({ id: 'c1', kind: 'n8n', name: 'n8n' }, T0 - 86_400_000);
  let seq = 0;
  const polled = options.polled ?? true;
  // Every connector the test made has just been polled successfully.
  const seen = () => {
    for (const c of core.connectors.repo.listActive()) {
      core.connectors.repo.recordPoll(c.id, { at: clock.now(), nextPollAt: null, ok: true, error: null, consecutiveFailures: 0, runsInserted: 0, firstSyncDone: true });
    }
  };
  if (polled) seen();
  const call = async <M extends Method>(method: M, input: Input<M>, actor = 'tester'): Promise<Output<M>> => {
    const r = await core.dispatcher.dispatch(method, input, { actor });
    if (!r.ok) throw new CoreError(r.error);
    return r.output as Output<M>;
  };
  return Object.assign(core, {
    clock, sent, remediations, call,
    run(wf: string, status: 'success' | 'failed' | 'running', opts: RunOpts = {}) {
      const at = opts.at ?? clock.now();
      const durationMs = status === 'running' ? null : opts.durationMs ?? 1000;
      core.ingest({ connectorId: 'c1', cursor: null, records: [{
        externalId: opts.id ?? `r${++seq}`, workflow: { externalId: wf, name: `Workflow ${wf}` }, rawStatus: status, status,
        // The run finishes at `at` (a running one started then).
        startedAt: durationMs === null ? at : at - durationMs, finishedAt: durationMs === null ? null : at, durationMs,
        errorMessage: status === 'failed' ? 'boom' : null, deepLink: opts.deepLink ?? null, itemCount: opts.itemCount ?? null, retrySuccessId: opts.retrySuccessId ?? null,
      }] });
    },
    async step(toMs?: number) {
      if (toMs !== undefined) clock.set(toMs);
      // The connector is watched: a successful poll has seen everything up to now (the live state judges silence only then).
      if (polled) seen();
      core.alerting.engine.evaluate();
      await core.alerting.engine.settle();
      await core.alerting.outbox.deliverDue();
    },
    async channel(name: string) {
      return (await call('alerts/save-channel', { kind: 'desktop', name })).channel.id;
    },
    async rule(draft: Partial<RuleDraft> & Pick<RuleDraft, 'condition'>) {
      return (await call('alerts/save-rule', { rule: { name: 'rule', scope: { kind: 'all' }, ...draft } })).rule.id;
    },
    workflowId(externalId: string) {
      return core.ledger.workflows.list().find((w) => w.externalId === externalId)!.id;
    },
  });
}

export function incidents(core: AlertCore) {
  return core.alerting.store.incidents.list('all', 100);
}
