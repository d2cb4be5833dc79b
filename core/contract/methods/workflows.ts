import { ListWorkflowsInput, ListWorkflowsOutput } from '../catalog.ts';
import { ActionOutcome, RunWorkflowInput, SetWorkflowActiveInput } from '../connectors.ts';
import { stateSchemas } from '../states.ts';

/** `workflows/*`: the workflows Flowdeck sees, their live states, and switching or starting them at the vendor. */
export const workflowSchemas = {
  'workflows/list-workflows': { input: ListWorkflowsInput, output: ListWorkflowsOutput, write: false, permission: 'read' },
  'workflows/set-active': { input: SetWorkflowActiveInput, output: ActionOutcome, write: true, permission: 'operate' },
  'workflows/run-workflow': { input: RunWorkflowInput, output: ActionOutcome, write: true, permission: 'operate' },
  ...stateSchemas,
} as const;
