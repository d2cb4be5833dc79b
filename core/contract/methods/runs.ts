import { ActionOutcome, RunActionInput } from '../connectors.ts';
import { GetRunInput, GetRunOutput, GetStepDataInput, GetStepDataOutput, ListRunsInput, ListRunsOutput } from '../runs.ts';

/** `runs/*`: the execution log, and the retry and re-run actions on one run. */
export const runSchemas = {
  'runs/list-runs': { input: ListRunsInput, output: ListRunsOutput, write: false, permission: 'read' },
  'runs/get-run': { input: GetRunInput, output: GetRunOutput, write: false, permission: 'read' },
  /** The vendor's own step data for a run, fetched on demand and never stored. */
  // Fetches the vendor's own step data (it can hold personal data) and spends the connector's rate budget.
  'runs/get-step-data': { input: GetStepDataInput, output: GetStepDataOutput, write: false, permission: 'operate' },
  'runs/retry-run': { input: RunActionInput, output: ActionOutcome, write: true, permission: 'operate' },
  'runs/rerun-run': { input: RunActionInput, output: ActionOutcome, write: true, permission: 'operate' },
} as const;
