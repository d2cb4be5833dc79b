import { z } from 'zod';

/** What kind of caller made a change: a person signed in, a service token, the desktop app, or Flowdeck itself. */
export const ActorKind = z.enum(['user', 'token', 'desktop', 'system']);
export type ActorKind = z.infer<typeof ActorKind>;

/** The way a change came in: the desktop app, a browser session, the command line, or a program with a token. */
export const Via = z.enum(['desktop', 'browser', 'cli', 'api']);
export type Via = z.infer<typeof Via>;

/**
 * Who made an audited change, as the audit log keeps it. `actor` is the name people read ("Alice"); `actorId` is
 * stable ('user:<id>', 'token:<name>', 'launch', 'desktop:<os user>', 'os:<os user>', 'system') and is what the Audit
 * page filters by. The other fields are null when unknown (rows from before they were recorded).
 */
export interface AuditActor {
  actor: string;
  actorId: string | null;
  actorKind: ActorKind | null;
  via: Via | null;
  address: string | null;
}

/** The caller fields a CallContext carries (core/contract/handlers.ts), all but the name optional. */
export interface CallerFields {
  actor: string;
  actorId?: string | undefined;
  actorKind?: ActorKind | undefined;
  via?: Via | undefined;
  address?: string | null | undefined;
}

/**
 * Sent by the desktop app when it opens its socket to a team server (with its session cookie), so the audit says the
 * person acted from the desktop app rather than a browser. It only labels the way in; it grants nothing.
 */
export const CLIENT_HEADER = 'X-Flowdeck-Client';
export const DESKTOP_CLIENT = 'desktop';

/** The audit's view of a caller: built once per action from its CallContext. */
export function auditActorOf(ctx: CallerFields): AuditActor {
  return { actor: ctx.actor, actorId: ctx.actorId ?? null, actorKind: ctx.actorKind ?? null, via: ctx.via ?? null, address: ctx.address ?? null };
}

/** The id every automatic change is recorded under (the alert engine, the breaker, schedulers, the demo's set-up). */
export const SYSTEM_ACTOR_ID = 'system';

/** Flowdeck itself acting (no person): `name` says which part, e.g. "alert engine". */
export function systemActor(name: string): AuditActor {
  return { actor: name, actorId: SYSTEM_ACTOR_ID, actorKind: 'system', via: null, address: null };
}
