/**
 * The Activepieces connector's sync cursor: the opaque text stored WITH each page's runs (one ingest transaction).
 *
 * Activepieces lists a project's runs newest first by `created` (docs/vendors.md A4). Its own `next` cursor compares
 * whole seconds, so it can skip runs that share a second with a page's last run; Flowdeck therefore pages by time
 * instead: a scan asks for runs created at or after `since`, and each further page for runs created up to the
 * millisecond after the oldest one it has seen (`createdBefore`), skipping the ids it already took at that edge.
 *
 * - `since`: where the next scan starts. When a scan ends it moves to the newest run's `created` minus an overlap,
 *   so a run committed late (its `created` a little behind a newer one) is still found.
 * - `seen`: runs created at or after `since` that were already handed to ingest; the next scan skips them, so a
 *   poll hands over only new runs. Runs that were not finished are followed by refreshRuns, not by the scan.
 * - `scan`: the scan in progress, or null between scans. A crash between pages repeats the last page; it never
 *   skips one, because nothing older than `scan.before` has been passed over yet.
 * - `details`: failed runs whose error text is still to fetch one by one (the list leaves out step output, A6).
 */
export type Seen = [id: string, createdMs: number];

export interface Scan {
  /** The newest `created` (epoch ms) this scan saw: its first page's first run. */
  top: number;
  /** The oldest `created` seen so far; the next page asks for runs up to the millisecond after it. */
  before: number;
  /** Ids already taken with `created` in that last millisecond or the one after (they are listed again). */
  edge: string[];
  /** Runs of this scan within the overlap of `top`: they become `seen` when the scan ends. */
  fresh: Seen[];
  /** Runs per page; doubled when a whole page shared one instant and nothing new came of it. */
  limit: number;
}

export interface ApCursor {
  v: 1;
  since: number;
  seen: Seen[];
  scan: Scan | null;
  details: string[];
}

/** Most ids `seen` and `fresh` keep (newest first); beyond it a run may be handed over twice, never lost. */
export const MAX_SEEN = 1000;

export function initialCursor(since: number): ApCursor {
  return { v: 1, since, seen: [], scan: null, details: [] };
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;
const isSeen = (v: unknown): v is Seen => Array.isArray(v) && v.length === 2 && isId(v[0]) && isTime(v[1]);
const isSeenList = (v: unknown): v is Seen[] => Array.isArray(v) && v.every(isSeen);

function validScan(s: unknown): s is Scan {
  if (!s || typeof s !== 'object') return false;
  const scan = s as Scan;
  return isTime(scan.top) && isTime(scan.before) && Array.isArray(scan.edge) && scan.edge.every(isId) && isSeenList(scan.fresh)
    && Number.isInteger(scan.limit) && scan.limit >= 1;
}

/** The stored cursor, or null when it is not one of ours (the driver then starts over: runs are replayed, not lost). */
export function parseCursor(text: string): ApCursor | null {
  try {
    const c = JSON.parse(text) as Partial<ApCursor> | null;
    if (!c || c.v !== 1 || !isTime(c.since) || !isSeenList(c.seen)) return null;
    if (c.scan !== null && !validScan(c.scan)) return null;
    if (!Array.isArray(c.details) || !c.details.every(isId)) return null;
    return c as ApCursor;
  } catch {
    return null;
  }
}

export function serializeCursor(c: ApCursor): string {
  return JSON.stringify(c);
}

/** `seen` lists merged, deduplicated, kept from `since` on and capped at MAX_SEEN (newest first). */
export function mergeSeen(lists: readonly Seen[][], since: number): Seen[] {
  const byId = new Map<string, number>();
  for (const list of lists) for (const [id, at] of list) if (at >= since) byId.set(id, Math.max(at, byId.get(id) ?? at));
  return [...byId].sort((a, b) => b[1] - a[1]).slice(0, MAX_SEEN);
}
