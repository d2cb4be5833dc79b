import type { IncidentContext } from '../contract/alerts.ts';
import type { IncidentCorrelation } from '../contract/alerts.ts';
import { auditActorOf } from '../contract/actor.ts';
import type { CallContext, Handlers } from '../contract/handlers.ts';
import type { Ledger } from '../store/ledger.ts';
import type { Alerting } from '../alerts/index.ts';

const MINUTE = 60_000;

type Names = 'incidents/list-incidents' | 'incidents/get-incident' | 'incidents/acknowledge-incident' | 'incidents/resolve-incident' |
  'incidents/snooze-incident' | 'incidents/retry-incident-run' | 'incidents/pause-workflow';

/** The registry's change ↔ failure correlation for a workflow incident opened at `at` (core/registry/service.ts). */
export type IncidentCorrelator = (workflowId: number, at: number) => Omit<IncidentCorrelation, 'workflowId'> | null;

/** The `incidents/*` methods: every incident action is recorded on the incident's timeline and in the audit log under the caller's name. */
export function incidentHandlers(ledger: Ledger, alerting: Alerting, correlator?: IncidentCorrelator, contextOf?: (workflowId: number, hasRuns: boolean) => IncidentContext): Pick<Handlers, Names> {
  const { store, remediator, clock } = alerting;
  /** On the incident's timeline under the person's name; in the audit with who they are, how and from where. */
  const record = (id: number, ctx: CallContext, action: string, detail: string, extra?: Record<string, unknown>) => {
    const now = clock.now();
    store.incidents.addEvent(id, action, ctx.actor, detail, now);
    ledger.audit.append({ ...auditActorOf(ctx), action: `incident.${action}`, target: `incident:${id}`, detail: { detail, ...extra } }, now);
    alerting.changed();
  };
  const notFound = { ok: false as const, reason: 'not_found' as const, message: 'This incident no longer exists.' };
  /** Re-evaluate (an acknowledgement changes what is due) and announce the change. */
  const notify = () => {
    alerting.engine.evaluate();
    alerting.changed();
  };
  return {
    'incidents/list-incidents': async ({ status, limit }) => ({ items: store.incidents.list(status, limit), openCount: store.incidents.countOpen() }),
    'incidents/get-incident': async ({ id }) => {
      const incident = store.incidents.get(id);
      if (!incident) return { ok: false, reason: 'not_found' };
      const c = incident.workflowId !== null && correlator ? correlator(incident.workflowId, incident.openedAt) : null;
      const correlation = c && incident.workflowId !== null
        ? { workflowId: incident.workflowId, versionId: c.versionId, versionNumber: c.versionNumber, minutes: c.minutes, message: c.message } : null;
      const context = incident.workflowId !== null && contextOf ? contextOf(incident.workflowId, incident.runIds.length > 0) : null;
      return { ok: true, incident, events: store.incidents.events(id), deliveries: store.deliveries.forIncident(id), correlation, context };
    },
    'incidents/acknowledge-incident': async ({ id }, ctx) => {
      const i = store.incidents.get(id);
      if (!i) return notFound;
      if (i.status !== 'open') return { ok: false, reason: 'invalid_state', message: `The incident is already ${i.status}.` };
      store.incidents.update(id, { status: 'acknowledged', acknowledgedAt: clock.now(), acknowledgedBy: ctx.actor }, clock.now());
      record(id, ctx, 'acknowledged', 'Acknowledged: reminders stop');
      notify();
      return { ok: true, message: 'Acknowledged. Reminders stop; the incident resolves when the condition clears.' };
    },
    'incidents/resolve-incident': async ({ id }, ctx) => {
      const i = store.incidents.get(id);
      if (!i) return notFound;
      if (i.status === 'resolved') return { ok: false, reason: 'invalid_state', message: 'The incident is already resolved.' };
      store.incidents.update(id, { status: 'resolved', resolvedAt: clock.now(), resolvedBy: ctx.actor, clearSince: null }, clock.now());
      record(id, ctx, 'resolved', 'Resolved by hand');
      notify();
      return { ok: true, message: 'Resolved.' };
    },
    'incidents/snooze-incident': async ({ id, minutes }, ctx) => {
      const i = store.incidents.get(id);
      if (!i) return notFound;
      if (i.status === 'resolved') return { ok: false, reason: 'invalid_state', message: 'A resolved incident cannot be snoozed.' };
      const until = clock.now() + minutes * MINUTE;
      store.incidents.update(id, { snoozedUntil: until }, clock.now());
      record(id, ctx, 'snoozed', `Snoozed for ${minutes} min`, { until });
      notify();
      return { ok: true, message: `Snoozed for ${minutes} min.` };
    },
    'incidents/retry-incident-run': async ({ id, runId }, ctx) => {
      const i = store.incidents.get(id);
      if (!i) return notFound;
      if (!i.runIds.includes(runId) || !ledger.runs.get(runId)) return { ok: false, reason: 'not_found', message: 'That run is not part of this incident.' };
      const r = await remediator.retryRun(runId, auditActorOf(ctx));
      record(id, ctx, r.ok ? 'retried-run' : 'retry-failed', r.message, { runId });
      return r.ok ? r : { ok: false, reason: 'failed', message: r.message };
    },
    'incidents/pause-workflow': async ({ id }, ctx) => {
      const i = store.incidents.get(id);
      if (!i) return notFound;
      if (i.workflowId === null) return { ok: false, reason: 'unsupported', message: 'This incident is not about one workflow.' };
      const r = await remediator.deactivateWorkflow(i.workflowId, auditActorOf(ctx));
      record(id, ctx, r.ok ? 'paused-workflow' : 'pause-failed', r.message, { workflowId: i.workflowId });
      return r.ok ? r : { ok: false, reason: 'failed', message: r.message };
    },
  };
}
