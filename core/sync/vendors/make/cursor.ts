import { z } from 'zod';

/**
 * The Make connector's high-water marks, stored WITH each page of runs (so a crash replays at most one page).
 *
 * - `s`: per scenario, `hw` = the `to` (ms) of the last log window read to the end, and `sig` = the scenario
 *   list's change signal at that moment. A scenario whose signal has not moved is not re-read.
 * - `pass`: the sweep in progress. `scan` is the next scenario-list offset (null once the list is read);
 *   `queue` holds the scenarios still to read, hot ones (invalid, new incomplete executions) first;
 *   `to`/`offset`/`firstId` page through `queue[0]`'s logs inside the fixed window [hw − overlap, to],
 *   so runs arriving meanwhile cannot shift the pages. `firstId` guards against a replayed page.
 *   A scenario's mark only moves when its last page is stored, so a crash can never skip logs.
 * - `details`: failed executions and warnings (handled errors) whose error text (a separate request each) is still to be fetched;
 *   `recent` remembers the ones already fetched so overlapping windows do not fetch them again.
 */
const Mark = z.object({ hw: z.number(), sig: z.string().nullable() });

const Item = z.object({
  id: z.number().int(),
  name: z.string(),
  team: z.number().int(),
  sig: z.string().nullable(),
  hot: z.boolean(),
});
export type MakeQueueItem = z.infer<typeof Item>;

const Pass = z.object({
  at: z.number(),
  scan: z.number().int().nonnegative().nullable(),
  scanFirst: z.number().int().nullable(),
  ids: z.array(z.number().int()),
  queue: z.array(Item),
  to: z.number().nullable(),
  offset: z.number().int().nonnegative(),
  firstId: z.string().nullable(),
  /** Pages in a row answered with the page before (a replay); paging is declared broken after a few. */
  replays: z.number().int().nonnegative().default(0),
});
export type MakePass = z.infer<typeof Pass>;

const PendingDetail = z.object({
  sid: z.number().int(),
  name: z.string(),
  team: z.number().int(),
  log: z.object({
    id: z.string(),
    status: z.number(),
    timestamp: z.string(),
    duration: z.number().nullish(),
    operations: z.number().nullish(),
    type: z.string().nullish(),
    teamId: z.number().int().optional(),
  }),
  tries: z.number().int().nonnegative(),
});
export type MakePendingDetail = z.infer<typeof PendingDetail>;

const Cursor = z.object({
  v: z.literal(1),
  s: z.record(z.string(), Mark),
  pass: Pass.nullable(),
  lastPassAt: z.number().nullable(),
  details: z.array(PendingDetail),
  recent: z.array(z.string()),
});
export type MakeCursor = z.infer<typeof Cursor>;

export const MAX_PENDING_DETAILS = 500;
export const MAX_RECENT = 300;

export function emptyMakeCursor(): MakeCursor {
  return { v: 1, s: {}, pass: null, lastPassAt: null, details: [], recent: [] };
}

/** Reads a stored cursor; an unreadable one restarts from scratch (safe: ingest is idempotent) and says so. */
export function decodeMakeCursor(text: string | null): { cursor: MakeCursor; reset: boolean } {
  if (text === null) return { cursor: emptyMakeCursor(), reset: false };
  try {
    const parsed = Cursor.safeParse(JSON.parse(text));
    if (parsed.success) return { cursor: parsed.data, reset: false };
  } catch {
    // fall through
  }
  return { cursor: emptyMakeCursor(), reset: true };
}

export function encodeMakeCursor(cursor: MakeCursor): string {
  return JSON.stringify(cursor);
}

export function newPass(at: number): MakePass {
  return { at, scan: 0, scanFirst: null, ids: [], queue: [], to: null, offset: 0, firstId: null, replays: 0 };
}
