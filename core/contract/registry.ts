import { z } from 'zod';
import { mapSchemas } from './map.ts';
import { ExpectedSchedule } from './alerts.ts';
import { WorkflowStateKind } from './states.ts';

/** The workflow registry (issue 5): metadata, versions, diffs, restore, lint, health, export/import. */
const epochMs = z.number().int();
const workflowId = z.number().int().positive();
const versionId = z.number().int().positive();

export const Environment = z.enum(['production', 'test']);
export const Criticality = z.enum(['low', 'medium', 'high', 'critical']);

/** What the team edits about a workflow. Null = not set. */
export const RegistryMetadata = z.object({
  owner: z.string().trim().max(200).nullable(),
  purpose: z.string().max(20_000).nullable(),
  runbook: z.string().max(100_000).nullable(),
  environment: Environment.nullable(),
  criticality: Criticality.nullable(),
  tags: z.array(z.string().trim().min(1).max(100)).max(50),
  /** Shared with the missed-run monitor (stored in workflow_registry.expected_schedule_json). */
  expectedSchedule: ExpectedSchedule.nullable(),
});
export type RegistryMetadata = z.infer<typeof RegistryMetadata>;

export const LintRule = z.enum([
  'naming', 'production-undocumented', 'overlapping-triggers', 'missing-error-path', 'environment-mix', 'hard-coded-secret',
  'never-run', 'dead-workflow',
]);
export type LintRule = z.infer<typeof LintRule>;

export const LintFinding = z.object({
  rule: LintRule,
  severity: z.enum(['error', 'warning', 'info']),
  workflowId,
  workflowName: z.string(),
  /** What is wrong, in plain words. */
  message: z.string(),
  /** How to fix it. */
  fix: z.string(),
});
export type LintFinding = z.infer<typeof LintFinding>;

export const ValueChange = z.object({ path: z.string(), kind: z.enum(['added', 'removed', 'changed']), before: z.unknown(), after: z.unknown() });
export type ValueChange = z.infer<typeof ValueChange>;
export const StepChange = z.object({ step: z.string(), parameters: z.array(ValueChange), fields: z.array(ValueChange) });
export type StepChange = z.infer<typeof StepChange>;
export const StructuredDiff = z.object({
  renamed: z.object({ before: z.string().nullable(), after: z.string() }).nullable(),
  stepsAdded: z.array(z.string()),
  stepsRemoved: z.array(z.string()),
  stepsChanged: z.array(StepChange),
  connectionsAdded: z.array(z.string()),
  connectionsRemoved: z.array(z.string()),
  settingsChanged: z.array(ValueChange),
  textChanged: z.boolean(),
  identical: z.boolean(),
});
export type StructuredDiff = z.infer<typeof StructuredDiff>;

export const VersionNote = z.object({ id: z.number().int(), at: epochMs, author: z.string(), text: z.string() });
export const WorkflowVersion = z.object({
  id: versionId,
  /** 1-based position in this workflow's history (oldest = 1). */
  number: z.number().int().positive(),
  contentHash: z.string(),
  vendorVersionId: z.string().nullable(),
  author: z.string().nullable(),
  source: z.enum(['poll', 'restore', 'import', 'demo']),
  createdAt: epochMs,
  summary: z.array(z.string()),
  notes: z.array(VersionNote),
});
export type WorkflowVersion = z.infer<typeof WorkflowVersion>;

/** Why a workflow's health is capped by its live state (failing, missed, switched off by its vendor), or not scored (unknown). */
export const HealthCap = z.object({
  state: WorkflowStateKind,
  /** The most the score can be in this state; null: not scored (left out of the overall health). */
  max: z.number().int().nullable(),
  reason: z.string(),
});
export type HealthCap = z.infer<typeof HealthCap>;

/** A registry entry: one workflow across every connector, with its metadata, lint health, findings and version count. */
export const RegistryRow = z.object({
  workflowId,
  connectorId: z.string(),
  vendor: z.string(),
  externalId: z.string(),
  name: z.string(),
  active: z.boolean(),
  archived: z.boolean(),
  environment: Environment.nullable(),
  owner: z.string().nullable(),
  criticality: Criticality.nullable(),
  tags: z.array(z.string()),
  health: z.number().int().min(0).max(100),
  /** Set when the live state caps the health, or leaves it unscored. */
  healthCap: HealthCap.nullable().optional(),
  lastRunAt: epochMs.nullable(),
  runs7d: z.number().int(),
  failureRate7d: z.number().min(0).max(1),
  findings: z.number().int(),
  versions: z.number().int(),
});
export type RegistryRow = z.infer<typeof RegistryRow>;

export const Correlation = z.object({
  versionId, versionNumber: z.number().int(), versionAt: epochMs, minutes: z.number().int(), failuresAfter: z.number().int(),
  rateBefore: z.number(), rateAfter: z.number(), message: z.string(),
});
export type Correlation = z.infer<typeof Correlation>;

export const ChartPoint = z.object({ t: epochMs, success: z.number().int(), failed: z.number().int() });

export const WorkflowDetail = z.object({
  row: RegistryRow,
  metadata: RegistryMetadata,
  deepLink: z.string().nullable(),
  restorable: z.boolean(),
  versions: z.array(WorkflowVersion),
  findings: z.array(LintFinding),
  correlations: z.array(Correlation),
  chart: z.array(ChartPoint),
});
export type WorkflowDetail = z.infer<typeof WorkflowDetail>;

export const DiffOutput = z.object({
  structured: StructuredDiff,
  raw: z.unknown(),
  /** Canonical JSON of each side (2-space indent) for the side-by-side view. */
  beforeText: z.string(),
  afterText: z.string(),
});
export type DiffOutput = z.infer<typeof DiffOutput>;

export const RegistrySettings = z.object({
  /** A regular expression names must match; default `<Area> – <Purpose>`. */
  namingPattern: z.string().min(1).max(500),
  namingExample: z.string().max(200),
});
export type RegistrySettings = z.infer<typeof RegistrySettings>;

const notFound = z.object({ ok: z.literal(false), reason: z.literal('not_found'), message: z.string() });
const outcome = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), message: z.string() }),
  z.object({ ok: z.literal(false), reason: z.enum(['not_found', 'unsupported', 'failed', 'invalid']), message: z.string() }),
]);
export type RegistryOutcome = z.infer<typeof outcome>;
/** An existing folder on the machine running the core, as an absolute path (a git checkout, for example). */
/**
 * Where the contract may export to or import from: a named folder inside the data directory's `exports/` (a
 * client — possibly a serve-mode teammate — never picks a path on the core's disk). The CLI takes any folder.
 */
const folder = z.object({
  name: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'use letters, digits, dot, dash or underscore (no slashes)').default('registry'),
}).strict();

export const registrySchemas = {
  ...mapSchemas,
  /**
   * The registry's entries (versions, lint health, findings), archived ones included by default. Not the live list of a
   * connector's workflows: that is `workflows/list-workflows`.
   */
  'registry/list-entries': {
    input: z.object({ includeArchived: z.boolean().default(true) }).strict(),
    output: z.object({ items: z.array(RegistryRow), overallHealth: z.number().int(), findings: z.number().int() }),
    write: false,
    permission: 'read',
  },
  'registry/get-workflow': {
    input: z.object({ workflowId }).strict(),
    output: z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), workflow: WorkflowDetail }), notFound]),
    write: false,
    permission: 'read',
  },
  'registry/save-metadata': { input: z.object({ workflowId, metadata: RegistryMetadata }).strict(), output: outcome, write: true, permission: 'admin' },
  'registry/get-diff': {
    input: z.object({ workflowId, fromVersionId: versionId, toVersionId: versionId }).strict(),
    output: z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), diff: DiffOutput }), notFound]),
    write: false,
    permission: 'read',
  },
  'registry/add-note': { input: z.object({ versionId, text: z.string().trim().min(1).max(5000) }).strict(), output: outcome, write: true, permission: 'operate' },
  'registry/preview-restore': {
    input: z.object({ workflowId, versionId }).strict(),
    output: z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), diff: DiffOutput, supported: z.boolean(), message: z.string() }), notFound]),
    write: false,
    permission: 'read',
  },
  'registry/restore-version': { input: z.object({ workflowId, versionId, confirm: z.literal(true) }).strict(), output: outcome, write: true, permission: 'admin' },
  'registry/lint': {
    input: z.object({}).strict(),
    output: z.object({ findings: z.array(LintFinding), overallHealth: z.number().int(), workflows: z.number().int(),
      /** Workflows whose health the live state caps or leaves unscored, with why. */
      capped: z.array(HealthCap.extend({ workflowId, workflowName: z.string() })).optional() }),
    write: false,
    permission: 'read',
  },
  'registry/get-settings': { input: z.object({}).strict(), output: RegistrySettings, write: false, permission: 'read' },
  'registry/save-settings': { input: RegistrySettings, output: outcome, write: true, permission: 'admin' },
  'registry/export': { input: folder, output: z.object({ files: z.number().int(), dir: z.string() }), write: true, permission: 'admin' },
  'registry/import': {
    input: folder,
    output: z.object({ workflows: z.number().int(), versionsAdded: z.number().int(), skipped: z.array(z.string()) }),
    write: true,
    permission: 'admin',
  },
} as const;
