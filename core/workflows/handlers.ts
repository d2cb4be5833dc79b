import { auditActorOf } from '../contract/actor.ts';
import type { ControlActions } from '../actions/index.ts';
import type { Handlers } from '../contract/handlers.ts';
import type { Ledger } from '../store/ledger.ts';

/** `workflows/*` (their live states are answered by core/state): the list, and switching or starting one at its vendor. */
export function workflowsHandlers(ledger: Ledger, actions: ControlActions): Pick<Handlers,
  'workflows/list-workflows' | 'workflows/set-active' | 'workflows/run-workflow'> {
  return {
    'workflows/list-workflows': async ({ connectorId }) => ({ items: ledger.workflows.list(connectorId) }),
    'workflows/set-active': ({ workflowId, active }, ctx) =>
      actions.workflowAction(active ? 'activate-workflow' : 'deactivate-workflow', workflowId, auditActorOf(ctx)),
    'workflows/run-workflow': ({ workflowId }, ctx) => actions.workflowAction('run-workflow', workflowId, auditActorOf(ctx)),
  };
}
