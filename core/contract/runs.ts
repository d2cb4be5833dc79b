import { z } from 'zod';

/** The one status vocabulary every vendor's status is normalised into. */
export const RUN_STATUSES = [
  'queued', 'running', 'waiting', 'success', 'warning', 'failed', 'canceled', 'skipped', 'missed', 'unknown',
] as const;
export const RunStatus = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatus>;

export const TERMINAL_STATUSES: readonly RunStatus[] = ['success', 'warning', 'failed', 'canceled', 'skipped', 'missed'];

const epochMs = z.number().int().nonnegative();
const id = z.string().min(1).max(200);

export const RunFilter = z.object({
  statuses: z.array(RunStatus).max(RUN_STATUSES.length).optional(),
  connectorIds: z.array(id).max(100).optional(),
  workflowIds: z.array(z.number().int().positive()).max(500).optional(),
  from: epochMs.optional(),
  to: epochMs.optional(),
}).strict();
export type RunFilter = z.infer<typeof RunFilter>;

export const ListRunsInput = z.object({
  filter: RunFilter.default({}),
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(500).default(100),
}).strict();

export const RunSummary = z.object({
  id: z.number().int(),
  connectorId: z.string(),
  connectorName: z.string(),
  connectorKind: z.string(),
  workflowId: z.number().int(),
  workflowName: z.string(),
  externalId: z.string(),
  status: RunStatus,
  rawStatus: z.string(),
  startedAt: epochMs,
  finishedAt: epochMs.nullable(),
  durationMs: z.number().int().nonnegative().nullable(),
  errorMessage: z.string().nullable(),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const ListRunsOutput = z.object({
  items: z.array(RunSummary),
  nextCursor: z.string().nullable(),
});

export const GetRunInput = z.object({ id: z.number().int().positive() }).strict();

export const RunDetail = RunSummary.extend({
  errorFingerprint: z.string().nullable(),
  failingStep: z.string().nullable(),
  mode: z.string().nullable(),
  deepLink: z.string().nullable(),
  retryOf: z.string().nullable(),
  retrySuccessId: z.string().nullable(),
  itemCount: z.number().int().nullable(),
  ingestedAt: epochMs,
  updatedAt: epochMs,
});
export type RunDetail = z.infer<typeof RunDetail>;

export const GetRunOutput = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), run: RunDetail }),
  z.object({ ok: z.literal(false), reason: z.literal('not_found') }),
]);

/**
 * `runs/get-step-data`: the vendor's own data about why a run's step failed, fetched when the owner asks and never
 * stored. Items and lines are bounded and redacted by the core before they leave it.
 */
export const GetStepDataInput = z.object({ runId: z.number().int().positive() }).strict();

/** Most items shown per side of a node, most log lines shown, longest text kept per value or line. */
export const STEP_DATA_LIMITS = { items: 20, lines: 200, chars: 2_000, bytesPerSide: 64 * 1024 } as const;

export const StepItems = z.object({
  /** Each item's JSON (n8n's `item.json`), bounded: long texts, deep objects and long lists are cut. */
  items: z.array(z.unknown()).max(STEP_DATA_LIMITS.items),
  /** How many items there were before any was left out. */
  total: z.number().int().nonnegative(),
  /** True when items were left out or cut short. */
  truncated: z.boolean(),
});
export type StepItems = z.infer<typeof StepItems>;

export const StepData = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('n8n'),
    node: z.object({ name: z.string(), type: z.string().nullable() }),
    /** What the node received; null when n8n did not say (a trigger node receives nothing). */
    input: StepItems.nullable(),
    /** What the node produced; null when it produced nothing (it failed). */
    output: StepItems.nullable(),
    error: z.object({ name: z.string().nullable(), message: z.string(), description: z.string().nullable() }).nullable(),
  }),
  z.object({
    kind: z.literal('log'),
    job: z.object({ id: z.string(), name: z.string() }),
    step: z.object({ number: z.number().int(), name: z.string() }).nullable(),
    /** The last lines of the failed step's log (of the whole job's log when the step could not be told apart). */
    lines: z.array(z.string()).max(STEP_DATA_LIMITS.lines),
    /** True when earlier lines (or the end of long lines) were left out. */
    truncated: z.boolean(),
  }),
  z.object({ kind: z.literal('unavailable'), reason: z.string() }),
]);
export type StepData = z.infer<typeof StepData>;

export const GetStepDataOutput = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    /** The connector kind that answered ("n8n", "github", "make", …). */
    vendor: z.string(),
    /** When the core fetched it (it keeps nothing). */
    fetchedAt: epochMs,
    /** The vendor's own page for this run, when known. */
    deepLink: z.string().nullable(),
    data: StepData,
  }),
  z.object({ ok: z.literal(false), reason: z.enum(['not_found', 'failed']), message: z.string() }),
]);
export type GetStepDataOutput = z.infer<typeof GetStepDataOutput>;
