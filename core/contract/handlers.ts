import type { z } from 'zod';
import { GetRunInput, GetRunOutput, ListRunsInput, ListRunsOutput } from './runs.ts';
import { ListConnectorsInput, ListConnectorsOutput, ListWorkflowsInput, ListWorkflowsOutput } from './catalog.ts';
import { GetStatusInput, ListAuditInput, ListAuditOutput, StatusOutput } from './system.ts';

/**
 * Every method the core answers, named `domain/verb-noun`, with its input and output schema.
 * `write: true` marks methods that change state (they are audited and never retried by clients).
 */
export const handlerSchemas = {
  'system/get-status': { input: GetStatusInput, output: StatusOutput, write: false },
  'runs/list-runs': { input: ListRunsInput, output: ListRunsOutput, write: false },
  'runs/get-run': { input: GetRunInput, output: GetRunOutput, write: false },
  'connectors/list-connectors': { input: ListConnectorsInput, output: ListConnectorsOutput, write: false },
  'workflows/list-workflows': { input: ListWorkflowsInput, output: ListWorkflowsOutput, write: false },
  'audit/list-entries': { input: ListAuditInput, output: ListAuditOutput, write: false },
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
