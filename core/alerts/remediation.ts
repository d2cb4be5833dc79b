import type { AuditActor } from '../contract/actor.ts';
import type { ControlActions } from '../actions/index.ts';

export type RemediationOutcome = { ok: true; message: string } | { ok: false; message: string };

/**
 * The vendor actions an incident can trigger, by ledger id. The implementation over the connector control
 * actions (core/actions) performs, audits under `by` and re-polls; tests pass a fake.
 */
export interface Remediator {
  retryRun(runId: number, by: AuditActor): Promise<RemediationOutcome>;
  deactivateWorkflow(workflowId: number, by: AuditActor): Promise<RemediationOutcome>;
}

/** Remediation through the connectors' control actions (resolved lazily: the module is built after alerting). */
export function controlRemediator(actions: () => Pick<ControlActions, 'runAction' | 'workflowAction'>): Remediator {
  return {
    retryRun: (runId, by) => actions().runAction('retry-run', runId, by),
    deactivateWorkflow: (workflowId, by) => actions().workflowAction('deactivate-workflow', workflowId, by),
  };
}

export const unavailableRemediator: Remediator = {
  retryRun: async () => ({ ok: false, message: 'No connector can retry runs in this Flowdeck process.' }),
  deactivateWorkflow: async () => ({ ok: false, message: 'No connector can pause workflows in this Flowdeck process.' }),
};
