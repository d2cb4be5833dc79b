import { z } from 'zod';

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
} as const;

export type EventSchemas = typeof eventSchemas;
export type EventName = keyof EventSchemas;
export type EventPayload<E extends EventName> = z.output<EventSchemas[E]>;
