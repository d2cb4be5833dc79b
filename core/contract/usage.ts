import { z } from 'zod';

/**
 * Usage against the plan (issue #17 part 4; docs/usage.md). Each connector's figure is in its vendor's measure, and
 * says whether the vendor gave it (exact) or Flowdeck estimated it.
 */
export const UsageMeasure = z.enum(['operations', 'credits', 'executions', 'tasks', 'minutes', 'runs']);
export type UsageMeasure = z.infer<typeof UsageMeasure>;

/** `exact`: the vendor's own figures; `estimate`: Flowdeck's; `typed`: the owner's figure from the vendor's page, plus estimates since. */
export const UsageBasis = z.enum(['exact', 'estimate', 'typed']);
export type UsageBasis = z.infer<typeof UsageBasis>;

const epochMs = z.number().int().nonnegative();

export const UsagePlanInput = z.object({
  connectorId: z.string().min(1).max(200),
  measure: UsageMeasure,
  /** The plan's quota per billing cycle, in `measure`; null clears it. */
  quota: z.number().positive('must be above 0').max(1e12).nullable(),
  /** The day of the month a cycle begins (a shorter month begins it on its last day). */
  billingDay: z.number().int().min(1, 'must be 1 to 31').max(31, 'must be 1 to 31'),
  /** A figure read on the vendor's usage page (Zapier), counted up to the moment it is saved; null clears it. */
  typedUsed: z.number().nonnegative().max(1e12).nullable().default(null),
}).strict();
export type UsagePlanInput = z.input<typeof UsagePlanInput>;

export const UsageConsumer = z.object({
  workflowId: z.number().int(),
  name: z.string(),
  used: z.number(),
  runs: z.number().int(),
});

export const ConnectorUsage = z.object({
  connectorId: z.string(),
  connectorName: z.string(),
  vendor: z.string(),
  measure: UsageMeasure,
  /** The measures this vendor can be counted in (Make: operations or credits). */
  measures: z.array(UsageMeasure),
  basis: UsageBasis,
  /** One plain sentence on where the figure comes from and how sure it is. */
  basisNote: z.string(),
  quota: z.number().nullable(),
  billingDay: z.number().int(),
  typedUsed: z.number().nullable(),
  typedAt: epochMs.nullable(),
  cycleStart: epochMs,
  cycleEnd: epochMs,
  used: z.number(),
  /** Use at the cycle's end at the recent rate; null until an hour of history is there to read a rate from. */
  forecast: z.number().nullable(),
  /** forecast / quota in percent; null without both. */
  forecastPercent: z.number().nullable(),
  top: z.array(UsageConsumer),
});
export type ConnectorUsage = z.infer<typeof ConnectorUsage>;

export const usageSchemas = {
  /** Each connector's use in its current billing cycle, the forecast at the cycle's end and its top workflows. */
  'usage/get-summary': {
    input: z.object({}).strict(),
    output: z.object({ now: epochMs, connectors: z.array(ConnectorUsage) }),
    write: false,
    permission: 'read',
  },
  /** Sets a connector's plan: its measure, quota, billing day and (Zapier) the figure read on the vendor's page. */
  'usage/set-plan': { input: UsagePlanInput, output: z.object({ ok: z.literal(true) }), write: true, permission: 'admin' },
} as const;
