import type { ControlActions } from '../actions/index.ts';

export type RemediationOutcome = { ok: true; message: string } | { ok: false; message: string };

/**
 * The vendor actions an incident can trigger, by ledger id. The implementation over the connector control
 * actions (core/actions) performs, audits under `actor` and re-polls; tests pass a fake.
 */
export interface Remediator {
  retryRun(runId: number, actor: string): Promise<RemediationOutcome>;
  deactivateWorkflow(workflowId: number, actor: string): Promise<RemediationOutcome>;
}

/** Remediation through the connectors' control actions (resolved lazily: the module is built after alerting). */
export function controlRemediator(actions: () => Pick<ControlActions, 'runAction' | 'workflowAction'>): Remediator {
  return {
    retryRun: (runId, actor) => actions().runAction('retry-run', runId, actor),
    deactivateWorkflow: (workflowId, actor) => actions().workflowAction('deactivate-workflow', workflowId, actor),
  };
}

export const unavailableRemediator: Remediator = {
  retryRun: async () => ({ ok: false, message: 'No connector can retry runs in this Flowdeck process.' }),
  deactivateWorkflow: async () => ({ ok: false, message: 'No connector can pause workflows in this Flowdeck process.' }),
};
