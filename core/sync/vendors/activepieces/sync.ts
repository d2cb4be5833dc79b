import type { Logger } from '../../../platform/logger.ts';
import type { SeekPage } from './api.ts';
import { MAX_SEEN, mergeSeen, type ApCursor, type Scan, type Seen } from './cursor.ts';
import { createdMs, needsDetail } from './mapper.ts';

/**
 * One step of the Activepieces incremental sync (design in cursor.ts): exactly one kind of work per call, a page of
 * the runs list or a batch of failed runs' details, so each call's result is one ingest transaction.
 */
export interface SyncIo {
  /** `GET /v1/flow-runs?projectId&createdAfter&createdBefore&limit` (newest first, A4). */
  list(query: { createdAfter: string; createdBefore?: string; limit: number }): Promise<SeekPage>;
  /** `GET /v1/flow-runs/{id}` with its steps; null when Activepieces no longer has it (404). */
  fetch(id: string): Promise<unknown | null>;
  logger: Logger;
}

export interface SyncPolicy {
  pageSize: number;
  /** How far behind the newest run the next scan starts again (late commits, A4). */
  overlapMs: number;
}

export interface StepResult {
  /** Raw runs to map: `detailed` ones came from `GET /v1/flow-runs/{id}` with their steps. */
  runs: unknown[];
  detailed: boolean;
  cursor: ApCursor;
  hasMore: boolean;
}

/** Failed runs whose error text is fetched per step. */
export const DETAIL_BATCH = 10;
/** The largest page a scan grows to when many runs share one instant. */
export const MAX_PAGE = 1000;

const iso = (ms: number) => new Date(ms).toISOString();

async function detailsStep(c: ApCursor, io: SyncIo): Promise<StepResult> {
  const batch = c.details.slice(0, DETAIL_BATCH);
  const runs: unknown[] = [];
  for (const id of batch) {
    const run = await io.fetch(id);
    if (run === null) io.logger.warn('Activepieces no longer has a failed run; it stays without its error text', { runId: id });
    else runs.push(run);
  }
  const details = c.details.slice(batch.length);
  return { runs, detailed: true, cursor: { ...c, details }, hasMore: details.length > 0 || c.scan !== null };
}

interface Listed {
  run: unknown;
  id: string;
  at: number;
}

function listedRuns(page: SeekPage): Listed[] {
  const out: Listed[] = [];
  for (const run of page.data) {
    const id = (run as { id?: unknown } | null)?.id;
    const at = createdMs(run);
    if (typeof id === 'string' && id && at !== null) out.push({ run, id, at });
  }
  // Newest first, as Activepieces promises (A4); sorted anyway.
  return out.sort((a, b) => b.at - a.at);
}

async function scanStep(c: ApCursor, io: SyncIo, policy: SyncPolicy): Promise<StepResult> {
  const scan = c.scan;
  const limit = scan?.limit ?? policy.pageSize;
  const page = await io.list({ createdAfter: iso(c.since), ...(scan ? { createdBefore: iso(scan.before + 1) } : {}), limit });
  const listed = listedRuns(page);
  if (listed.length < page.data.length) io.logger.warn('Activepieces listed runs without an id or creation time; skipped', { skipped: page.data.length - listed.length });
  const skip = new Set([...c.seen.map((s) => s[0]), ...(scan?.edge ?? [])]);
  const fresh = listed.filter((r) => !skip.has(r.id));
  const top = scan?.top ?? listed[0]?.at ?? null;
  if (top === null) return { runs: [], detailed: false, cursor: c, hasMore: c.details.length > 0 };

  const keep: Seen[] = [...(scan?.fresh ?? []), ...fresh.filter((r) => r.at >= top - policy.overlapMs).map((r): Seen => [r.id, r.at])].slice(0, MAX_SEEN);
  const details = [...c.details, ...fresh.filter((r) => needsDetail(String((r.run as { status?: unknown }).status ?? ''))).map((r) => r.id)];
  const runs = fresh.map((r) => r.run);

  if (page.next !== null && listed.length > 0) {
    // Never upwards: a page of nothing but the edge's runs leaves the scan where it was.
    const lowest = Math.min(listed[listed.length - 1]!.at, scan?.before ?? Infinity);
    const still = scan !== null && lowest === scan.before;
    // A4: the next page repeats the runs of this page's last millisecond (and the one after); they are skipped. While
    // the scan stays at one instant the edge grows, since the order of runs sharing an instant is not fixed.
    const atEdge = listed.filter((r) => r.at <= lowest + 1).map((r) => r.id);
    const edge = still ? [...new Set([...scan.edge, ...atEdge])] : atEdge;
    const stuck = still && fresh.length === 0;
    let next: Scan = { top, before: lowest, edge, fresh: keep, limit: stuck ? Math.min(limit * 2, MAX_PAGE) : limit };
    if (stuck && limit >= MAX_PAGE) {
      // More runs share one instant than the largest page holds: step past that millisecond rather than ask forever.
      io.logger.warn('Activepieces sync: more runs share one instant than a page holds; some of them may be missed', { at: iso(lowest) });
      next = { ...next, before: lowest - 2, edge: [], limit: policy.pageSize };
    }
    return { runs, detailed: false, cursor: { ...c, scan: next, details }, hasMore: true };
  }

  const since = Math.max(c.since, top - policy.overlapMs);
  const seen = mergeSeen([c.seen, keep], since);
  return { runs, detailed: false, cursor: { v: 1, since, seen, scan: null, details }, hasMore: details.length > 0 };
}

/** The next step: pending error texts first (so their list stays short), then the scan. */
export function syncStep(c: ApCursor, io: SyncIo, policy: SyncPolicy): Promise<StepResult> {
  return c.details.length > 0 ? detailsStep(c, io) : scanStep(c, io, policy);
}
