import { z } from 'zod';
import { Incident } from './alerts.ts';
import { RunFilter, RunSummary } from './runs.ts';

const epochMs = z.number().int().nonnegative();

/** A time range [from, to). The core widens it to whole hours (Overview) or whole days (Errors, SLA) and says so. */
export const TimeRangeInput = z.object({ from: epochMs, to: epochMs }).strict()
  .refine((r) => r.to > r.from, { message: 'The range must end after it starts.' });

export const StatusCounts = z.object({
  success: z.number().int(), warning: z.number().int(), failed: z.number().int(), other: z.number().int(),
});

export const OverviewBucket = StatusCounts.extend({ t: epochMs, failureRate: z.number().nullable() });

export const WorkflowFigure = z.object({
  workflowId: z.number().int(),
  workflowName: z.string(),
  connectorId: z.string(),
  connectorName: z.string(),
  total: z.number().int(),
  failed: z.number().int(),
  failureRate: z.number().nullable(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
});
export type WorkflowFigure = z.infer<typeof WorkflowFigure>;

export const HealthStrip = z.object({
  ok: z.number().int(),
  degraded: z.number().int(),
  failing: z.number().int(),
  /** Workflows with no finished run in the last 24 hours. */
  quiet: z.number().int(),
  connectorsNeedingAttention: z.number().int(),
  /** Open and acknowledged incidents (null: alerting is not available in this core). */
  openIncidents: z.number().int().nullable(),
});

export const OverviewIncident = Incident.pick({ id: true, ruleName: true, targetName: true, workflowId: true, severity: true, status: true, summary: true, openedAt: true });
export type OverviewIncident = z.infer<typeof OverviewIncident>;

export const VersionMarker = z.object({
  versionId: z.number().int(), workflowId: z.number().int(), workflowName: z.string(), number: z.number().int(), at: epochMs,
});
export type VersionMarker = z.infer<typeof VersionMarker>;

export const OverviewOutput = z.object({
  from: epochMs,
  to: epochMs,
  bucketMs: z.number().int().positive(),
  buckets: z.array(OverviewBucket),
  totals: StatusCounts,
  health: HealthStrip,
  /** The range top failing and slowest cover: [from, to) up to two days, else the whole days around it. */
  rankFrom: epochMs,
  rankTo: epochMs,
  topFailing: z.array(WorkflowFigure),
  slowest: z.array(WorkflowFigure),
  recentFailures: z.array(RunSummary),
  /** The newest incidents, any status. */
  recentIncidents: z.array(OverviewIncident).optional(),
  /** Workflow changes (registry versions) in [from, to), newest first, at most 20: markers on the time axis. */
  versionMarkers: z.array(VersionMarker).optional(),
});
export type OverviewOutput = z.infer<typeof OverviewOutput>;

export const ErrorGroupView = z.object({
  fingerprint: z.string(),
  template: z.string(),
  sampleMessage: z.string(),
  firstSeen: epochMs,
  lastSeen: epochMs,
  countInRange: z.number().int(),
  /** One count per day of the range, oldest first. */
  trend: z.array(z.number().int()),
  failingStep: z.string().nullable(),
  workflows: z.array(z.object({ id: z.number().int(), name: z.string(), connectorId: z.string(), count: z.number().int() })),
  connectors: z.array(z.object({ id: z.string(), name: z.string() })),
  auth: z.boolean(),
  /** "Connection X broke N automations" when auth-type errors hit several workflows of one connector. */
  headline: z.string().nullable(),
});
export type ErrorGroupView = z.infer<typeof ErrorGroupView>;

export const ErrorsOutput = z.object({
  from: epochMs,
  to: epochMs,
  groups: z.array(ErrorGroupView),
  brokenConnections: z.array(z.object({ connectorId: z.string(), connectorName: z.string(), workflows: z.number().int(), headline: z.string() })),
});
export type ErrorsOutput = z.infer<typeof ErrorsOutput>;

/** Where a workflow's expected schedule comes from; 'observed' when none is known and the cadence is inferred from its runs. */
export const SlaBasis = z.enum(['registry', 'rule', 'vendor', 'observed']);
export type SlaBasis = z.infer<typeof SlaBasis>;

export const SlaRow = z.object({
  workflowId: z.number().int(),
  workflowName: z.string(),
  connectorName: z.string(),
  basis: SlaBasis,
  /** "every 15 min", "cron 0 6 * * 1 (Europe/Berlin)"; for 'observed' the inferred cadence; null when too few runs. */
  expectedLabel: z.string().nullable(),
  /** The average time between expected runs over the range. */
  expectedIntervalMs: z.number().nullable(),
  /** Runs the schedule expected in the range (up to now less the grace); null for 'observed'. */
  expectedRuns: z.number().int().nullable(),
  runs: z.number().int(),
  /** Runs that did not fail (succeeded, warned, skipped, canceled or still running). */
  succeeded: z.number().int(),
  missedRuns: z.number().int(),
  compliancePct: z.number().nullable(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  thresholdMs: z.number().nullable(),
  /** 'rule': a duration rule's limit; 'typical': three times the workflow's p50 over the range. */
  thresholdBasis: z.enum(['rule', 'typical']).nullable(),
  withinThreshold: z.boolean().nullable(),
});
export type SlaRow = z.infer<typeof SlaRow>;

export const SlaOutput = z.object({ from: epochMs, to: epochMs, rows: z.array(SlaRow) });
export type SlaOutput = z.infer<typeof SlaOutput>;

export const SearchErrorsInput = z.object({
  query: z.string().min(1).max(200),
  filter: RunFilter.pick({ workflowIds: true, from: true, to: true }).default({}),
  limit: z.number().int().min(1).max(200).default(50),
}).strict();

export const SearchErrorsOutput = z.object({
  groups: z.array(z.object({ fingerprint: z.string(), template: z.string(), sampleMessage: z.string() })),
  runs: z.array(RunSummary),
});
export type SearchErrorsOutput = z.infer<typeof SearchErrorsOutput>;

/** Raw runs are kept for 1 to KEEP_DAYS_MAX days (about a hundred years: as good as forever). */
export const KEEP_DAYS_MAX = 36_500;
export const RetentionOutput = z.object({ keepDays: z.number().int().positive() });
export const SetRetentionInput = z.object({ keepDays: z.number().int().min(1).max(KEEP_DAYS_MAX) }).strict();
export const PruneRunsInput = z.object({ batchSize: z.number().int().min(1).max(50_000).default(5_000) }).strict();
export const PruneRunsOutput = z.object({ deleted: z.number().int(), cutoff: epochMs, batches: z.number().int() });

/** Test-only: ingest one page into a running core (refused unless FLOWDECK_TEST_MODE=1). */
export const TestIngestInput = z.object({
  connectorId: z.string().min(1).max(200),
  records: z.array(z.record(z.string(), z.unknown())).min(1).max(100),
}).strict();
export const TestIngestOutput = z.object({ inserted: z.number().int(), updated: z.number().int() });

export const EmptyInput = z.object({}).strict();
