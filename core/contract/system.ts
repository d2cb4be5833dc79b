import { z } from 'zod';
import { ActorKind, Via } from './actor.ts';
import { Role } from './roles.ts';

export const GetStatusInput = z.object({}).strict();
export const StatusOutput = z.object({
  version: z.string(),
  demo: z.boolean(),
  actor: z.string(),
  /** What the caller may do (core/contract/permissions.ts): the desktop, the command line and the launch token are the owner. */
  role: Role,
  counts: z.object({
    runs: z.number().int().nonnegative(),
    workflows: z.number().int().nonnegative(),
    connectors: z.number().int().nonnegative(),
    quarantined: z.number().int().nonnegative(),
  }),
  lastIngestAt: z.number().int().nullable(),
  /** The core's clock (epoch ms) when it answered: clients show times relative to it, not to their own clock. */
  now: z.number().int(),
  /** Whether the ledger can take writes (a full or read-only disk), with a plain message for the UI. */
  storage: z.object({ state: z.enum(['ok', 'full', 'read_only', 'error']), message: z.string().nullable() }),
});
export type StatusOutput = z.infer<typeof StatusOutput>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.number().int(),
  /** The name people read ("Alice", a token's name, the OS user, "alert engine"). */
  actor: z.string(),
  /** Stable id of who did it ('user:<id>', 'token:<name>', 'launch', 'desktop:<os user>', 'os:<os user>', 'system'); null on old rows. */
  actorId: z.string().nullable(),
  actorKind: ActorKind.nullable(),
  /** The way it came in (desktop app, browser, command line, a program with a token); null on old rows and automatic changes. */
  via: Via.nullable(),
  /** The network address a serve-mode change came from. */
  address: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  detail: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const ListAuditInput = z.object({
  beforeId: z.number().int().positive().optional(),
  /** Only this person's (or token's, or Flowdeck's own) entries: an id from `audit/list-actors`. */
  actorId: z.string().min(1).max(200).optional(),
  limit: z.number().int().min(1).max(500).default(100),
}).strict();
export const ListAuditOutput = z.object({ items: z.array(AuditEntry) });

/** Someone who appears in the audit: their id, the name and kind on their latest entry, when that was, how many entries. */
export const AuditActorSummary = z.object({
  actorId: z.string(),
  actor: z.string(),
  actorKind: ActorKind.nullable(),
  lastAt: z.number().int(),
  entries: z.number().int().nonnegative(),
});
export type AuditActorSummary = z.infer<typeof AuditActorSummary>;
export const ListAuditActorsOutput = z.object({ items: z.array(AuditActorSummary) });
