import { z } from 'zod';
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
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  detail: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const ListAuditInput = z.object({
  beforeId: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
}).strict();
export const ListAuditOutput = z.object({ items: z.array(AuditEntry) });
