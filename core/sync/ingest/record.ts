import { z } from 'zod';
import { RunStatus } from '../../contract/runs.ts';

/** A point in time as vendors send it: ISO-8601 text or epoch milliseconds. */
const Instant = z.union([z.string().min(1).max(64), z.number().finite().nonnegative()]);
const text = (max: number) => z.string().max(max);

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
});
export type IngestRecord = z.infer<typeof IngestRecord>;

export interface IngestPage {
  connectorId: string;
  records: readonly unknown[];
  /** The connector's high-water mark after this page; stored in the same transaction. */
  cursor: string | null;
}

export interface IngestResult {
  inserted: number;
  updated: number;
  unchanged: number;
  quarantined: number;
}
