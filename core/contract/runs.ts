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
