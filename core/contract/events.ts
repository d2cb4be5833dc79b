import { z } from 'zod';
import { alertEventSchemas } from './alerts.ts';
import { BulkProgress } from './runs-bulk.ts';

/** Events the core pushes, named `domain/past-tense`. */
export const eventSchemas = {
  /** A write touched these tables; subscribed stores refetch what they show. */
  'ledger/changed': z.object({ tables: z.array(z.string()), connectorId: z.string().nullable() }),
  /** A page of runs was ingested. */
  'runs/ingested': z.object({
    connectorId: z.string(),
    inserted: z.number().int(),
    updated: z.number().int(),
    quarantined: z.number().int(),
  }),
  /** A connector's health or its message changed (the message is plain words, never a secret). */
  'connectors/health-changed': z.object({
    connectorId: z.string(),
    health: z.enum(['ok', 'degraded', 'needs_attention', 'paused', 'new']),
    message: z.string().nullable(),
  }),
  /** A poll cycle ended (the Connectors page refreshes last/next poll). */
  'connectors/polled': z.object({ connectorId: z.string(), ok: z.boolean(), at: z.number().int(), nextPollAt: z.number().int().nullable() }),
  /** Progress of a connector's first sync of its history. */
  'sync/progressed': z.object({
    connectorId: z.string(),
    runsIngested: z.number().int().nonnegative(),
    pages: z.number().int().nonnegative(),
    done: z.boolean(),
  }),
  /**
   * One person was paged about an incident (one event per person). An attached desktop raises a native
   * notification when `login` is its signed-in login.
   */
  'oncall/paged': z.object({
    incidentId: z.number().int(),
    login: z.string(),
    reason: z.enum(['workflow-owner', 'on-duty', 'escalation', 'owner']),
    title: z.string(),
    body: z.string(),
    route: z.string().nullable(),
  }),
  /** A bulk retry / re-run moved on (after each run, and when it finished or was cancelled). */
  'runs/bulk-progressed': BulkProgress,
  ...alertEventSchemas,
} as const;

export type EventSchemas = typeof eventSchemas;
export type EventName = keyof EventSchemas;
export type EventPayload<E extends EventName> = z.output<EventSchemas[E]>;
/** Any one event with the payload its name declares; narrowing on `name` narrows `payload`. */
export type AnyEvent = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];
