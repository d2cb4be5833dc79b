/**
 * The Zapier high-water mark. Zap runs page by offset, and the order of results is not documented, so a sync pass
 * pins a time window [from, to] when it starts and pages through it by offset: new runs (after `to`) cannot shift
 * the window's pages. The cursor stored with each page says where the next page starts, so a crash resumes at the
 * same offset of the same window (runs may repeat — ingest is idempotent — but none are skipped).
 *
 * When a window is done, the next one starts `overlapMs` before its end (late-arriving runs) or earlier still, at the
 * start of the oldest run that was not settled yet (queued/running/delayed…), so it is read again until it settles —
 * but never more than `maxHoldMs` back. Unsettled runs older than that go on a watch list and are re-read one at a
 * time with a narrow date filter (Zapier has no get-run-by-id endpoint) until they settle.
 */
export interface ZapierCursor {
  v: 1;
  /** Window start (epoch ms). */
  from: number;
  /** Window end, pinned when the window opens; null = open the next window at "now". */
  to: number | null;
  offset: number;
  /** First and last run id of the previous page in this window: a page repeating them is a duplicated page. */
  prev: [string, string] | null;
  /** Oldest start among unsettled runs seen in this window (null: none). */
  hold: number | null;
  /** Unsettled runs with a known start seen in this window: [id, start]. */
  open: [string, number][];
  /** Unsettled runs older than the window, re-read one by one: [id, start, last checked]. */
  watch: [string, number, number][];
}

export interface WindowPolicy {
  overlapMs: number;
  maxHoldMs: number;
  /** Longest list of runs carried in `open` and `watch`. */
  maxWatched: number;
  /** Runs that started longer ago than this are no longer watched (Zapier's history default is 30 days). */
  watchForMs: number;
}

export function encodeCursor(c: ZapierCursor): string {
  return JSON.stringify(c);
}

export class InvalidZapierCursor extends Error {
  override name = 'InvalidZapierCursor';
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isTuple = (v: unknown, n: number): v is unknown[] => Array.isArray(v) && v.length === n && typeof v[0] === 'string' && v.slice(1).every(isTime);

export function decodeCursor(text: string): ZapierCursor {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InvalidZapierCursor('The stored Zapier sync position is not readable; reset it to sync again from the start.');
  }
  const c = raw as Partial<ZapierCursor> | null;
  const ok = !!c && c.v === 1 && isTime(c.from) && (c.to === null || isTime(c.to)) && Number.isInteger(c.offset) && c.offset! >= 0
    && (c.prev === null || (Array.isArray(c.prev) && c.prev.length === 2 && c.prev.every((x) => typeof x === 'string')))
    && (c.hold === null || isTime(c.hold))
    && Array.isArray(c.open) && c.open.every((e) => isTuple(e, 2))
    && Array.isArray(c.watch) && c.watch.every((e) => isTuple(e, 3));
  if (!ok) throw new InvalidZapierCursor('The stored Zapier sync position has an unknown shape; reset it to sync again from the start.');
  return c as ZapierCursor;
}

/** The first window: `historyMs` back from now. */
export function firstCursor(now: number, historyMs: number): ZapierCursor {
  return { v: 1, from: Math.max(0, now - historyMs), to: null, offset: 0, prev: null, hold: null, open: [], watch: [] };
}

/** Where the next window starts once this one is fully read, and which old unsettled runs to watch. */
export function nextWindow(done: ZapierCursor & { to: number }, policy: WindowPolicy, now: number): ZapierCursor {
  let from = done.to - policy.overlapMs;
  if (done.hold !== null) from = Math.min(from, Math.max(done.hold, done.to - policy.maxHoldMs));
  from = Math.max(done.from, from);
  const watch = new Map(done.watch.map((w) => [w[0], w] as const));
  for (const [id, start] of done.open) if (start < from && !watch.has(id)) watch.set(id, [id, start, now]);
  const kept = [...watch.values()].filter((w) => w[1] >= now - policy.watchForMs).slice(-policy.maxWatched);
  return { v: 1, from, to: null, offset: 0, prev: null, hold: null, open: [], watch: kept };
}

/** The watched run to re-read now (checked longest ago, and not within `everyMs`), if any. */
export function dueWatch(c: ZapierCursor, now: number, everyMs: number): [string, number, number] | null {
  let due: [string, number, number] | null = null;
  for (const w of c.watch) if (w[2] + everyMs <= now && (!due || w[2] < due[2])) due = w;
  return due;
}
