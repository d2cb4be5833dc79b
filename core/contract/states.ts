import { z } from 'zod';
import { ConnectorKind } from './catalog.ts';

/**
 * The one live state of each workflow (issue 12). Every at-a-glance answer — the Overview's "Needs you" list and
 * tiles, health scores, SLA, incidents, the tray and `flowdeck status` — derives from this, never from its own guess.
 * Listed worst first: the order the Overview sorts by.
 */
export const WORKFLOW_STATES = ['missed', 'failing', 'paused', 'unknown', 'late', 'never-run', 'ok'] as const;
export const WorkflowStateKind = z.enum(WORKFLOW_STATES);
export type WorkflowStateKind = z.infer<typeof WorkflowStateKind>;

/** Why Flowdeck cannot see a workflow: its connector, or Flowdeck itself not running over a period. */
export const BlindCause = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('connector'), connectorId: z.string(), connectorName: z.string(), message: z.string() }),
  z.object({ kind: z.literal('offline'), from: z.number().int(), to: z.number().int(), message: z.string() }),
]);
export type BlindCause = z.infer<typeof BlindCause>;

/** Where a workflow's expected schedule comes from ('none': it runs on events, so silence is not judged). */
export const ExpectationSource = z.enum(['registry', 'rule', 'vendor', 'none']);

export const WorkflowState = z.object({
  workflowId: z.number().int(),
  name: z.string(),
  vendor: ConnectorKind,
  connectorId: z.string(),
  connectorName: z.string(),
  externalId: z.string(),
  state: WorkflowStateKind,
  /** When the current state began (the streak's first failure, the due time missed, the switch-off), else null. */
  since: z.number().int().nullable(),
  /** The plain sentence every surface shows for this workflow. */
  reason: z.string(),
  /** Counts toward "needs you": every state but ok, never-run, and paused from Flowdeck. */
  attention: z.boolean(),
  lastError: z.string().nullable(),
  failingStep: z.string().nullable(),
  /** Failed runs in a row (0 unless failing). */
  streak: z.number().int().nonnegative(),
  /** The streak's newest runs (ledger ids, at most 50, newest last). */
  streakRunIds: z.array(z.number().int()),
  lastRunId: z.number().int().nullable(),
  lastRunAt: z.number().int().nullable(),
  pausedBy: z.enum(['flowdeck', 'vendor']).nullable(),
  pausedActor: z.string().nullable(),
  expectation: z.object({
    source: ExpectationSource,
    /** The schedule in words ("weekdays at 06:00 (Europe/Berlin)"), null for 'none'. */
    label: z.string().nullable(),
    /** The next (or overdue) expected run, and how long after it a run still counts. */
    dueAt: z.number().int().nullable(),
    graceMs: z.number().int().nonnegative(),
  }),
  criticality: z.enum(['low', 'medium', 'high', 'critical']).nullable(),
  /** Set for `unknown`: what blinds Flowdeck (one cause, one incident). */
  cause: BlindCause.nullable(),
  /** The one best next step, as a console route. */
  action: z.object({ label: z.string(), href: z.string() }),
});
export type WorkflowState = z.infer<typeof WorkflowState>;

export const ListStatesInput = z.object({}).strict();
export const ListStatesOutput = z.object({
  /** The core's clock when the states were derived. */
  now: z.number().int(),
  /** Workflows whose state needs the owner (attention = true). */
  needsAttention: z.number().int().nonnegative(),
  counts: z.record(WorkflowStateKind, z.number().int().nonnegative()),
  /** Worst first (state order, then criticality, then longest-standing). Archived workflows are left out. */
  workflows: z.array(WorkflowState),
  /** The distinct reasons Flowdeck is blind to some workflows. */
  causes: z.array(BlindCause),
});
export type ListStatesOutput = z.infer<typeof ListStatesOutput>;

export const stateSchemas = {
  'workflows/list-states': { input: ListStatesInput, output: ListStatesOutput, write: false, permission: 'read' },
} as const;
