import type { z } from 'zod';
import { CoreError, type WireError } from '../contract/errors.ts';
import { handlerSchemas, isMethod, type CallContext, type Handlers, type Method } from '../contract/handlers.ts';
import { leastRoleFor, METHOD_PERMISSIONS, ROLE_LABELS, roleAllows } from '../contract/permissions.ts';
import { hideSecretText, redactFor, seesSecrets } from '../contract/redaction.ts';
import type { Logger } from '../platform/logger.ts';

/** Handlers are registered per domain; a name registered twice is a programming error. */
export function mergeHandlers(...slices: Partial<Handlers>[]): Handlers {
  const merged: Partial<Handlers> = {};
  for (const slice of slices) {
    for (const name of Object.keys(slice) as Method[]) {
      if (name in merged) throw new Error(`Handler ${name} is registered twice`);
      (merged as Record<string, unknown>)[name] = slice[name];
    }
  }
  const missing = (Object.keys(handlerSchemas) as Method[]).filter((m) => !(m in merged));
  if (missing.length) throw new Error(`Handlers missing for: ${missing.join(', ')}`);
  return merged as Handlers;
}

export type DispatchResult = { ok: true; output: unknown } | { ok: false; error: WireError };

function describeIssue(issue: z.core.$ZodIssue): WireError {
  const field = issue.path.map(String).join('.');
  return {
    kind: 'validation',
    code: 'invalid_input',
    message: field ? `${field}: ${issue.message}` : issue.message,
    ...(field ? { field } : {}),
  };
}

/** The caller's role lacks the method's permission: refused before the input is even read. */
function forbidden(method: Method, ctx: CallContext): WireError | null {
  const role = ctx.role ?? 'owner';
  const needed = METHOD_PERMISSIONS[method];
  if (roleAllows(role, needed)) return null;
  const least = ROLE_LABELS[leastRoleFor(needed)];
  return {
    kind: 'forbidden', code: 'forbidden',
    message: `Your access is ${ROLE_LABELS[role]}, and this needs an ${least}. Ask the owner of this Flowdeck for that role.`,
  };
}

/** Validates input against the contract, calls the handler, and turns every failure into data. */
/**
 * Storage health for write methods: `check` says why the store cannot take a write now (null when it can), and
 * `failed` learns from a handler's error (a full disk, a read-only file). Reads always run.
 */
export interface WriteGuard {
  check(): string | null;
  failed(error: unknown): boolean;
}

export class Dispatcher {
  private readonly handlers: Handlers;
  private readonly log: Logger;
  private readonly guard: WriteGuard | null;

  constructor(handlers: Handlers, log: Logger, guard: WriteGuard | null = null) {
    this.handlers = handlers;
    this.log = log;
    this.guard = guard;
  }

  async dispatch(method: string, input: unknown, ctx: CallContext): Promise<DispatchResult> {
    const result = await this.run(method, input, ctx);
    // A role without secrets reads an error through the same pass as an answer (an address may be in the message).
    if (result.ok || seesSecrets(ctx.role ?? 'owner')) return result;
    return { ok: false, error: { ...result.error, message: hideSecretText(result.error.message) } };
  }

  private async run(method: string, input: unknown, ctx: CallContext): Promise<DispatchResult> {
    if (!isMethod(method)) {
      return { ok: false, error: { kind: 'protocol', code: 'unknown_method', message: `Unknown method "${method}".` } };
    }
    const refusal = forbidden(method, ctx);
    if (refusal) return { ok: false, error: refusal };
    const parsed = handlerSchemas[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      return { ok: false, error: first ? describeIssue(first) : { kind: 'validation', code: 'invalid_input', message: 'Invalid input.' } };
    }
    const writes = handlerSchemas[method].write && this.guard !== null;
    const refused = writes ? this.guard!.check() : null;
    if (refused !== null) return { ok: false, error: { kind: 'unavailable', code: 'storage_unavailable', message: refused } };
    try {
      const handler = this.handlers[method] as (input: unknown, ctx: CallContext) => Promise<unknown>;
      // Secrets leave only for a role that may change them (core/contract/redaction.ts), hidden for everyone else.
      return { ok: true, output: redactFor(ctx.role ?? 'owner', method, await handler(parsed.data, ctx)) };
    } catch (error) {
      if (error instanceof CoreError) return { ok: false, error: error.toWire() };
      if (writes && this.guard!.failed(error)) {
        const why = this.guard!.check();
        this.log.error('ledger write failed', { method, code: (error as { code?: string }).code ?? null });
        return { ok: false, error: { kind: 'unavailable', code: 'storage_unavailable', message: why ?? 'Flowdeck could not save this change; try again shortly.' } };
      }
      this.log.error('handler failed', { method, error: error instanceof Error ? error.message : String(error) });
      return {
        ok: false,
        error: { kind: 'internal', code: 'internal', message: `Flowdeck hit an internal error while running ${method}. It was logged; please retry.` },
      };
    }
  }
}
