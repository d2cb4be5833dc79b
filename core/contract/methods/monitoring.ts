import {
  EmptyInput, ErrorsOutput, OverviewOutput, PruneRunsInput, PruneRunsOutput, RetentionOutput, SearchErrorsInput,
  SearchErrorsOutput, SetRetentionInput, SlaOutput, TestIngestInput, TestIngestOutput, TimeRangeInput,
} from '../monitoring.ts';

/** `monitoring/*`: Overview, Errors, SLA, search and how long run history is kept. */
export const monitoringSchemas = {
  'monitoring/get-overview': { input: TimeRangeInput, output: OverviewOutput, write: false, permission: 'read' },
  'monitoring/list-error-groups': { input: TimeRangeInput, output: ErrorsOutput, write: false, permission: 'read' },
  'monitoring/get-sla': { input: TimeRangeInput, output: SlaOutput, write: false, permission: 'read' },
  'monitoring/search-errors': { input: SearchErrorsInput, output: SearchErrorsOutput, write: false, permission: 'read' },
  'monitoring/get-retention': { input: EmptyInput, output: RetentionOutput, write: false, permission: 'read' },
  'monitoring/set-retention': { input: SetRetentionInput, output: RetentionOutput, write: true, permission: 'admin' },
  'monitoring/prune-runs': { input: PruneRunsInput, output: PruneRunsOutput, write: true, permission: 'admin' },
} as const;

/** `testing/*`: answered only with FLOWDECK_TEST_MODE=1 (the e2e tests drive live updates through it). */
export const testingSchemas = {
  'testing/ingest-page': { input: TestIngestInput, output: TestIngestOutput, write: true, permission: 'admin' },
} as const;
