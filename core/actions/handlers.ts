import type { Handlers } from '../contract/handlers.ts';
import type { ControlActions } from './control.ts';

/** Control actions from the run detail and workflow views (the UI asks for confirmation first). */
export function actionsHandlers(actions: ControlActions): Pick<Handlers,
  'runs/retry-run' | 'runs/rerun-run' | 'workflows/set-active' | 'workflows/run-workflow'> {
  return {
    'runs/retry-run': ({ runId }, ctx) => actions.runAction('retry-run', runId, ctx.actor),
    'runs/rerun-run': ({ runId }, ctx) => actions.runAction('rerun-run', runId, ctx.actor),
    'workflows/set-active': ({ workflowId, active }, ctx) =>
      actions.workflowAction(active ? 'activate-workflow' : 'deactivate-workflow', workflowId, ctx.actor),
    'workflows/run-workflow': ({ workflowId }, ctx) => actions.workflowAction('run-workflow', workflowId, ctx.actor),
  };
}
