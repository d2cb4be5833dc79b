import type { z } from 'zod';
import type { ActorKind, Via } from './actor.ts';
import type { Permission, Role } from './roles.ts';
import { alertSchemas } from './alerts.ts';
import { connectorSchemas } from './methods/connectors.ts';
import { monitoringSchemas, testingSchemas } from './methods/monitoring.ts';
import { runSchemas } from './methods/runs.ts';
import { auditSchemas, systemSchemas } from './methods/system.ts';
import { workflowSchemas } from './methods/workflows.ts';
import { oncallSchemas } from './oncall.ts';
import { pushSchemas } from './push.ts';
import { registrySchemas } from './registry.ts';
import { reportSchemas } from './reports.ts';
import { userSchemas } from './methods/users.ts';
import { usageSchemas } from './usage.ts';

/** What every method declares: its input and output, whether it changes state, and who may call it. */
interface MethodDeclaration {
  input: z.ZodType;
  output: z.ZodType;
  write: boolean;
  permission: Permission;
}

/**
 * Every method the core answers, named `domain/verb-noun`, with its input and output schema, assembled from one
 * slice per domain. `write: true` marks methods that change state (they are audited and never retried by clients);
 * `permission` is what a caller's role must hold (permissions.ts): a method without one does not compile.
 */
export const handlerSchemas = {
  ...systemSchemas,
  ...runSchemas,
  ...connectorSchemas,
  ...workflowSchemas,
  ...auditSchemas,
  ...monitoringSchemas,
  ...testingSchemas,
  ...alertSchemas,
  ...oncallSchemas,
  ...pushSchemas,
  ...registrySchemas,
  ...reportSchemas,
  ...userSchemas,
  ...usageSchemas,
} as const satisfies Record<string, MethodDeclaration>;

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
  /** Who is calling, as people read it in the audit and on timelines: a person's name, a token's name, the OS user. */
  actor: string;
  /**
   * What the caller may do (core/contract/permissions.ts). Serve mode always sets it from the token; absent means a
   * local caller (the desktop app, the command line) acting as the owner of its own ledger.
   */
  role?: Role;
  /** Stable id of the caller: 'user:<id>' | 'token:<name>' | 'launch' | 'desktop:<os user>' | 'os:<os user>' | 'system'. */
  actorId?: string;
  actorKind?: ActorKind;
  /** How the call came in (serve: a browser session, or a program with a bearer token). */
  via?: Via;
  /** The caller's network address, when it came over the network. */
  address?: string | null;
}

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(handlerSchemas, name);
}
