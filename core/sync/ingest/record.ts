import { z } from 'zod';
import { RunStatus } from '../../contract/runs.ts';

/** A point in time as vendors send it: ISO-8601 text or epoch milliseconds. */
const Instant = z.union([z.string().min(1).max(64), z.number().finite().nonnegative()]);
const text = (max: number) => z.string().max(max);

/** A run's cost: `units` in its vendor's measure, Make's `centicredits`, and whether the vendor gave it (exact) or Flowdeck estimated it. */
export const RunUsage = z.object({
  units: z.number().finite().nonnegative().max(1e9),
  centicredits: z.number().int().nonnegative().max(1e12).nullish(),
  exact: z.boolean(),
});
export type RunUsage = z.infer<typeof RunUsage>;

/**
 * The vendor-neutral run record every connector hands to ingest. Connectors map their payloads to this;
 * ingest validates, normalises and dedupes it.
 */
export const IngestRecord = z.object({
  externalId: z.string().min(1).max(200),
  workflow: z.object({
    externalId: z.string().min(1).max(200),
    name: z.string().min(1).max(500),
  }),
  /** The vendor's own status word, kept verbatim. */
  rawStatus: z.string().min(1).max(100),
  /** The normalised status when the connector knows it; otherwise derived from rawStatus. */
  status: RunStatus.optional(),
  startedAt: Instant.nullish(),
  finishedAt: Instant.nullish(),
  durationMs: z.number().finite().nonnegative().nullish(),
  errorMessage: text(20_000).nullish(),
  failingStep: text(500).nullish(),
  mode: text(100).nullish(),
  deepLink: z.url({ protocol: /^https?$/ }).max(2000).nullish(),
  retryOf: text(200).nullish(),
  retrySuccessId: text(200).nullish(),
  itemCount: z.number().int().nonnegative().nullish(),
  /**
   * What the run cost at its vendor, when it says or Flowdeck can estimate it (docs/usage.md): Make operations and
   * centicredits (exact), Zapier tasks and GitHub Actions billed minutes (estimates). n8n counts the runs themselves.
   */
  usage: RunUsage.nullish(),
});
export type IngestRecord = z.infer<typeof IngestRecord>;

/**
 * A workflow as its vendor lists it, the vendor-neutral shape every driver's `listWorkflows` returns. Ingest validates
 * it like a run record and stores it with the connector's cursor (a record that fails is quarantined with its reason).
 */
export const WorkflowRecord = z.object({
  externalId: z.string().min(1).max(200),
  name: z.string().max(500),
  active: z.boolean(),
  archived: z.boolean(),
  /** The vendor's full definition (n8n workflow JSON, Make blueprint, GitHub workflow file …), kept for versions. */
  definition: z.unknown(),
  vendorVersionId: z.string().max(200).nullable(),
  updatedAt: z.number().finite().nonnegative().nullable(),
  tags: z.array(z.string().max(200)).max(200),
  deepLink: z.url({ protocol: /^https?$/ }).max(2000).nullable(),
});
export type WorkflowRecord = z.infer<typeof WorkflowRecord>;

export interface IngestPage {
  connectorId: string;
  records: readonly unknown[];
  /** The vendor's workflow list when this poll read it: stored in the same transaction as the records and cursor. */
  workflows?: readonly unknown[];
  /** The connector's high-water mark after this page; stored in the same transaction. */
  cursor: string | null;
}

/** What a host hands to code that feeds ingest: the core's one ingest path and its clock. */
export interface IngestPort {
  ingest(page: IngestPage): IngestResult;
  clock: { now(): number };
}

export interface IngestResult {
  /** The workflow list's effect, when the page carried one (`listed` counts the valid records). */
  workflows?: { listed: number; added: number; changed: number };
  inserted: number;
  updated: number;
  unchanged: number;
  quarantined: number;
}
