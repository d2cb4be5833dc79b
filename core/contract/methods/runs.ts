import { ActionOutcome, RunActionInput } from '../connectors.ts';
import { BulkJobInput, BulkSelection, BulkPreview, CancelBulkOutput, GetBulkReportInput, GetBulkReportOutput, StartBulkOutput } from '../runs-bulk.ts';
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
  /** Bulk retry / re-run of a filtered list: what would be done (ledger only, nothing is sent). */
  'runs/preview-bulk-action': { input: BulkSelection, output: BulkPreview, write: false, permission: 'read' },
  'runs/start-bulk-action': { input: BulkSelection, output: StartBulkOutput, write: true, permission: 'operate' },
  'runs/cancel-bulk-action': { input: BulkJobInput, output: CancelBulkOutput, write: true, permission: 'operate' },
  /** A bulk job's progress and its result per run (kept in memory while Flowdeck runs). */
  'runs/get-bulk-report': { input: GetBulkReportInput, output: GetBulkReportOutput, write: false, permission: 'read' },
} as const;
