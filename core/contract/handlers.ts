import type { z } from 'zod';
import { GetRunInput, GetRunOutput, ListRunsInput, ListRunsOutput } from './runs.ts';
import { ListConnectorsInput, ListWorkflowsInput, ListWorkflowsOutput } from './catalog.ts';
import { GetStatusInput, ListAuditInput, ListAuditOutput, StatusOutput } from './system.ts';
import {
  EmptyInput, ErrorsOutput, OverviewOutput, PruneRunsInput, PruneRunsOutput, RetentionOutput, SearchErrorsInput,
  SearchErrorsOutput, SetRetentionInput, SlaOutput, TestIngestInput, TestIngestOutput, TimeRangeInput,
} from './monitoring.ts';
import {
  ActionOutcome, AddConnectorInput, AddConnectorOutput, AddPushConnectorInput, ConnectorRefInput, ListConnectorsWithStateOutput, PollNowOutput,
  RunActionInput, RunWorkflowInput, SetCredentialInput, SetPausedInput, SetWorkflowActiveInput, SimpleOutcome,
  TestConnectorInput, TestOutcome,
} from './connectors.ts';
import { alertSchemas } from './alerts.ts';
import { pushSchemas } from './push.ts';
import { registrySchemas } from './registry.ts';
import { stateSchemas } from './states.ts';

/**
 * Every method the core answers, named `domain/verb-noun`, with its input and output schema.
 * `write: true` marks methods that change state (they are audited and never retried by clients).
 */
export const handlerSchemas = {
  'system/get-status': { input: GetStatusInput, output: StatusOutput, write: false },
  'runs/list-runs': { input: ListRunsInput, output: ListRunsOutput, write: false },
  'runs/get-run': { input: GetRunInput, output: GetRunOutput, write: false },
  'connectors/list-connectors': { input: ListConnectorsInput, output: ListConnectorsWithStateOutput, write: false },
  'connectors/test-connector': { input: TestConnectorInput, output: TestOutcome, write: false },
  'connectors/add-connector': { input: AddConnectorInput, output: AddConnectorOutput, write: true },
  'connectors/add-push-connector': { input: AddPushConnectorInput, output: AddConnectorOutput, write: true },
  'connectors/remove-connector': { input: ConnectorRefInput, output: SimpleOutcome, write: true },
  'connectors/set-paused': { input: SetPausedInput, output: SimpleOutcome, write: true },
  'connectors/set-credential': { input: SetCredentialInput, output: SimpleOutcome, write: true },
  'connectors/poll-now': { input: ConnectorRefInput, output: PollNowOutput, write: true },
  'runs/retry-run': { input: RunActionInput, output: ActionOutcome, write: true },
  'runs/rerun-run': { input: RunActionInput, output: ActionOutcome, write: true },
  'workflows/set-active': { input: SetWorkflowActiveInput, output: ActionOutcome, write: true },
  'workflows/run-workflow': { input: RunWorkflowInput, output: ActionOutcome, write: true },
  'workflows/list-workflows': { input: ListWorkflowsInput, output: ListWorkflowsOutput, write: false },
  'audit/list-entries': { input: ListAuditInput, output: ListAuditOutput, write: false },
  'monitoring/get-overview': { input: TimeRangeInput, output: OverviewOutput, write: false },
  'monitoring/list-error-groups': { input: TimeRangeInput, output: ErrorsOutput, write: false },
  'monitoring/get-sla': { input: TimeRangeInput, output: SlaOutput, write: false },
  'monitoring/search-errors': { input: SearchErrorsInput, output: SearchErrorsOutput, write: false },
  'monitoring/get-retention': { input: EmptyInput, output: RetentionOutput, write: false },
  'monitoring/set-retention': { input: SetRetentionInput, output: RetentionOutput, write: true },
  'monitoring/prune-runs': { input: PruneRunsInput, output: PruneRunsOutput, write: true },
  'testing/ingest-page': { input: TestIngestInput, output: TestIngestOutput, write: true },
  ...alertSchemas,
  ...pushSchemas,
  ...registrySchemas,
  ...stateSchemas,
} as const;

export type HandlerSchemas = typeof handlerSchemas;
export type Method = keyof HandlerSchemas;
/** What a caller passes (defaults may be omitted). */
export type Input<M extends Method> = z.input<HandlerSchemas[M]['input']>;
/** What the handler receives after validation (defaults applied). */
export type ParsedInput<M extends Method> = z.output<HandlerSchemas[M]['input']>;
export type Output<M extends Method> = z.output<HandlerSchemas[M]['output']>;

/** The implementation side: one async function per method. */
export type Handlers = { [M in Method]: (input: ParsedInput<M>, ctx: CallContext) => Promise<Output<M>> };

export interface CallContext {
  /** Who is calling: a serve-mode token's name, or the OS user on the desktop. */
  actor: string;
}

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(handlerSchemas, name);
}
