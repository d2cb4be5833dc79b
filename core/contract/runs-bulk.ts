import { z } from 'zod';
import { RunFilter, RunStatus } from './runs.ts';

/**
 * Bulk retry and re-run: every run of a filtered list that its vendor allows, previewed first (how many, and which are
 * skipped and why), then run as a job that keeps each connector's rate budget, reports progress
 * (`runs/bulk-progressed`), can be cancelled, and leaves a report per run. Jobs live in the core's memory.
 */
export const BULK_ACTIONS = ['retry-run', 'rerun-run'] as const;
export const BulkAction = z.enum(BULK_ACTIONS);
export type BulkAction = z.infer<typeof BulkAction>;

/** Most runs one job takes (the oldest beyond it are left for a second job, and the preview says so). */
export const BULK_MAX_RUNS = 1_000;

export const BulkSelection = z.object({
  action: BulkAction,
  /** The Runs page's filter (status, connector, workflow, time range). */
  filter: RunFilter.default({}),
  /** The Runs page's error search, when one is typed. */
  search: z.string().max(200).optional(),
  /** n8n only: retry with the workflow as it is saved now instead of the version the run used (`loadWorkflow`). */
  loadWorkflow: z.boolean().optional(),
}).strict();
export type BulkSelection = z.infer<typeof BulkSelection>;

export const BULK_SKIP_REASONS = ['vendor-cannot', 'not-failed', 'still-going', 'already-retried', 'workflow-gone', 'connector-removed', 'too-many'] as const;
export const BulkSkipReason = z.enum(BULK_SKIP_REASONS);
export type BulkSkipReason = z.infer<typeof BulkSkipReason>;

export const BulkSkipGroup = z.object({
  reason: BulkSkipReason,
  /** The reason in plain words, e.g. "Make does not let Flowdeck retry runs". */
  message: z.string(),
  count: z.number().int().nonnegative(),
  /** The first few runs skipped for this reason (ledger ids). */
  runIds: z.array(z.number().int()).max(20),
});
export type BulkSkipGroup = z.infer<typeof BulkSkipGroup>;

export const BulkPreview = z.object({
  action: BulkAction,
  /** Runs the filter matched. */
  matched: z.number().int().nonnegative(),
  /** Runs the job would act on. */
  eligible: z.number().int().nonnegative(),
  /** Eligible runs per connector, with that connector's rate budget in words. */
  connectors: z.array(z.object({ connectorId: z.string(), name: z.string(), kind: z.string(), count: z.number().int().nonnegative(), pace: z.string() })),
  skipped: z.array(BulkSkipGroup),
  /** True when some eligible connector offers n8n's "retry with the current workflow version". */
  loadWorkflowOffered: z.boolean(),
});
export type BulkPreview = z.infer<typeof BulkPreview>;

export const StartBulkOutput = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), jobId: z.string(), preview: BulkPreview }),
  z.object({ ok: z.literal(false), reason: z.enum(['nothing-to-do', 'busy']), message: z.string() }),
]);
export type StartBulkOutput = z.infer<typeof StartBulkOutput>;

export const BULK_JOB_STATES = ['running', 'finished', 'cancelled'] as const;
export const BulkJobState = z.enum(BULK_JOB_STATES);
export type BulkJobState = z.infer<typeof BulkJobState>;

/** The counts `runs/bulk-progressed` carries and the report repeats. */
export const BulkProgress = z.object({
  jobId: z.string(),
  action: BulkAction,
  state: BulkJobState,
  total: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  started: z.number().int().nonnegative(),
  refused: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
});
export type BulkProgress = z.infer<typeof BulkProgress>;

export const BULK_OUTCOMES = ['started', 'refused', 'failed', 'not-started'] as const;
export const BulkOutcome = z.enum(BULK_OUTCOMES);
export type BulkOutcome = z.infer<typeof BulkOutcome>;

export const BulkRunResult = z.object({
  runId: z.number().int(),
  externalId: z.string(),
  workflowName: z.string(),
  connectorName: z.string(),
  status: RunStatus,
  /** started: the vendor accepted it; refused: the vendor said no; failed: Flowdeck could not reach or ask it; not-started: cancelled first. */
  outcome: BulkOutcome,
  message: z.string(),
  at: z.number().int().nullable(),
});
export type BulkRunResult = z.infer<typeof BulkRunResult>;

export const BulkReport = BulkProgress.extend({
  /** Who started it (the audit log's name). */
  by: z.string(),
  loadWorkflow: z.boolean(),
  createdAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
  skipped: z.array(BulkSkipGroup),
  results: z.array(BulkRunResult),
});
export type BulkReport = z.infer<typeof BulkReport>;

export const BulkJobInput = z.object({ jobId: z.string().min(1).max(100) }).strict();
/** Without a job id: the newest job (so a reopened page finds the one still running). */
export const GetBulkReportInput = z.object({ jobId: z.string().min(1).max(100).optional() }).strict();
export const GetBulkReportOutput = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), report: BulkReport }),
  z.object({ ok: z.literal(false), reason: z.literal('not_found') }),
]);
export const CancelBulkOutput = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), progress: BulkProgress }),
  z.object({ ok: z.literal(false), reason: z.enum(['not_found', 'not_running']), message: z.string() }),
]);
