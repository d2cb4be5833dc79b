import { ActionOutcome, RunActionInput } from '../connectors.ts';
import { GetRunInput, GetRunOutput, GetStepDataInput, GetStepDataOutput, ListRunsInput, ListRunsOutput } from '../runs.ts';

/** `runs/*`: the execution log, and the retry and re-run actions on one run. */
export const runSchemas = {
  'runs/list-runs': { input: ListRunsInput, output: ListRunsOutput, write: false },
  'runs/get-run': { input: GetRunInput, output: GetRunOutput, write: false },
  /** The vendor's own step data for a run, fetched on demand and never stored. */
  'runs/get-step-data': { input: GetStepDataInput, output: GetStepDataOutput, write: false },
  'runs/retry-run': { input: RunActionInput, output: ActionOutcome, write: true },
  'runs/rerun-run': { input: RunActionInput, output: ActionOutcome, write: true },
} as const;
