import { z } from 'zod';

const epochMs = z.number().int().nonnegative();
const zone = z.string().trim().min(1).max(100);

/**
 * Which report: a day, a week (Monday to Sunday) or a calendar month, in `timeZone` (the display time zone when null).
 * `offset` counts back from the current period: 0 this one so far, -1 the one before, and so on.
 */
export const ReportInput = z.object({
  period: z.enum(['day', 'week', 'month']).default('week'),
  offset: z.number().int().min(-120).max(0).default(-1),
  timeZone: zone.nullable().default(null),
}).strict();
export type ReportInput = z.infer<typeof ReportInput>;

export const ReportWorkflow = z.object({
  workflowId: z.number().int(),
  workflowName: z.string(),
  connectorName: z.string(),
  runs: z.number().int(),
  failed: z.number().int(),
  /** Runs that did not fail among all runs, in per cent; null without runs. */
  successPct: z.number().nullable(),
  /** The owner's estimate in the registry; null when nobody entered one. */
  minutesSavedPerRun: z.number().nullable(),
});
export type ReportWorkflow = z.infer<typeof ReportWorkflow>;

/** A stretch of failures: from the first failed run to the next run that did not fail (null: still failing at the end). */
export const ReportBreak = z.object({
  workflowId: z.number().int(),
  workflowName: z.string(),
  brokeAt: epochMs,
  fixedAt: epochMs.nullable(),
  failedRuns: z.number().int(),
  firstError: z.string().nullable(),
});
export type ReportBreak = z.infer<typeof ReportBreak>;

export const ReportIncident = z.object({
  id: z.number().int(),
  targetName: z.string(),
  summary: z.string(),
  severity: z.string(),
  openedAt: epochMs,
  acknowledgedAt: epochMs.nullable(),
  resolvedAt: epochMs.nullable(),
  /** Time to acknowledge and to resolve (ms); null while not done. */
  ackMs: z.number().int().nullable(),
  resolveMs: z.number().int().nullable(),
});
export type ReportIncident = z.infer<typeof ReportIncident>;

export const ReportSla = z.object({
  workflowId: z.number().int(),
  workflowName: z.string(),
  expectedLabel: z.string().nullable(),
  expectedRuns: z.number().int().nullable(),
  missedRuns: z.number().int(),
  compliancePct: z.number().nullable(),
});
export type ReportSla = z.infer<typeof ReportSla>;

export const ReportError = z.object({
  fingerprint: z.string(),
  message: z.string(),
  count: z.number().int(),
  workflows: z.array(z.string()),
  lastAt: epochMs,
});
export type ReportError = z.infer<typeof ReportError>;

export const ReportChange = z.object({ workflowId: z.number().int(), workflowName: z.string(), number: z.number().int(), at: epochMs });
export type ReportChange = z.infer<typeof ReportChange>;

/** One report: every figure counts runs that started in [from, to). */
export const Report = z.object({
  period: z.enum(['day', 'week', 'month']),
  offset: z.number().int(),
  timeZone: z.string(),
  from: epochMs,
  to: epochMs,
  /** "Week of 30 November 2026", "November 2026". */
  label: z.string(),
  /** The period has not ended yet: figures so far. */
  partial: z.boolean(),
  generatedAt: epochMs,
  totals: z.object({
    runs: z.number().int(),
    failed: z.number().int(),
    successPct: z.number().nullable(),
    workflowsWithRuns: z.number().int(),
    incidents: z.number().int(),
  }),
  /** Hours saved by runs that did not fail, from the minutes per run in the registry; null when none is entered. */
  hoursSaved: z.number().nullable(),
  workflows: z.array(ReportWorkflow),
  breaks: z.array(ReportBreak),
  incidents: z.array(ReportIncident),
  /** Median time to acknowledge and to resolve over the period's incidents that were. */
  medianAckMs: z.number().nullable(),
  medianResolveMs: z.number().nullable(),
  sla: z.array(ReportSla),
  topErrors: z.array(ReportError),
  changes: z.array(ReportChange),
});
export type Report = z.infer<typeof Report>;

/** A person's email digest: the report for the day or week just ended, at `hour` o'clock in `timezone`. */
export const DigestSettings = z.object({
  login: z.string().trim().min(1, 'choose a person').max(64),
  cadence: z.enum(['off', 'daily', 'weekly']).default('off'),
  hour: z.number().int().min(0, 'an hour is 0 to 23').max(23, 'an hour is 0 to 23').default(8),
  /** For a weekly digest: 1 Monday … 7 Sunday. */
  weekday: z.number().int().min(1).max(7).default(1),
  timezone: zone.default('UTC'),
}).strict();
export type DigestSettings = z.infer<typeof DigestSettings>;

export const DigestSettingsOutput = z.object({
  settings: DigestSettings,
  /** The email channels among the person's own channels (On duty): where the digest goes. */
  emailChannels: z.array(z.object({ id: z.number().int(), name: z.string() })),
  /** The next time it will be sent (null when off). */
  nextAt: epochMs.nullable(),
});
export type DigestSettingsOutput = z.infer<typeof DigestSettingsOutput>;

export const reportSchemas = {
  /** A week's or a month's report: runs, failures, what broke and when it was fixed, incidents, SLA, errors, changes. */
  'reports/get-report': { input: ReportInput, output: Report, write: false, permission: 'read' },
  /** A person's digest settings (no secret: like their on-call settings, anyone may read them). */
  'reports/get-digest-settings': { input: z.object({ login: z.string().trim().min(1).max(64) }).strict(), output: DigestSettingsOutput, write: false, permission: 'read' },
  /** Anyone's digest: an Admin's. */
  'reports/set-digest-settings': { input: DigestSettings, output: DigestSettingsOutput, write: true, permission: 'admin' },
  /** The caller's own digest (the login comes from the signed-in person). */
  'reports/set-my-digest-settings': { input: DigestSettings.omit({ login: true }).strict(), output: DigestSettingsOutput, write: true, permission: 'operate' },
  /** The owner's estimate of the minutes one run of a workflow saves (null: none), for "your automations saved ~N hours". */
  'reports/set-minutes-saved': {
    input: z.object({ workflowId: z.number().int().positive(), minutesPerRun: z.number().min(0).max(10_000).nullable() }).strict(),
    output: z.object({ workflowId: z.number().int(), minutesPerRun: z.number().nullable() }),
    write: true,
    permission: 'admin',
  },
} as const;
