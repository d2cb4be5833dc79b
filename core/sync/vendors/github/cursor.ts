import { z } from 'zod';

/**
 * The GitHub connector's high-water marks, stored WITH each page of runs.
 *
 * - `repos[repo].hw`: the newest `created_at` (ms) among runs read to the end of a scan. The next scan asks only
 *   for `created>=hw − overlap` (the same URL until something new arrives, so GitHub answers 304 for free).
 *   A mark moves only after the scan's last page is stored: a crash replays pages, it never skips runs.
 * - `pass.queue`: repositories still to scan this pass; `pass.scan`: the scan in progress — the exact `Link`
 *   path of the next page (GitHub's own paging, which survives a replayed page), the newest run seen so far
 *   (`top`), and the mode. `full` pages through the whole history (first sync, or when more than 1,000 runs
 *   match the `created` filter, which GitHub caps), stopping once a page reaches `stopBefore`.
 *   After the runs, `probe` reads the runs in progress, which catches re-runs of older runs.
 * - `repos[repo].latest`: per workflow, its newest run seen and whether that failed. A re-run keeps its run's
 *   `created_at` (docs/vendors.md G1) and GitHub's list has no `updated` filter (G2), so a re-run that finishes
 *   between two polls is in neither list: the probe re-reads these failures (ETag: free while unchanged).
 */
const Latest = z.object({ id: z.number(), created: z.number(), attempt: z.number(), updated: z.string(), failed: z.boolean() });
export type GithubLatest = z.infer<typeof Latest>;

const Scan = z.object({
  repo: z.string(),
  phase: z.enum(['runs', 'probe']),
  mode: z.enum(['full', 'since']),
  next: z.string().nullable(),
  first: z.boolean(),
  stopBefore: z.number().nullable(),
  top: z.number().nullable(),
  /** Pages in a row whose `next` link pointed back at themselves (a replayed answer). */
  replays: z.number().int().nonnegative().default(0),
});
export type GithubScan = z.infer<typeof Scan>;

const Cursor = z.object({
  v: z.literal(1),
  repos: z.record(z.string(), z.object({ hw: z.number().nullable(), latest: z.record(z.string(), Latest).default({}) })),
  pass: z.object({ queue: z.array(z.string()), scan: Scan.nullable() }).nullable(),
});
export type GithubCursor = z.infer<typeof Cursor>;

export function emptyGithubCursor(): GithubCursor {
  return { v: 1, repos: {}, pass: null };
}

/** Reads a stored cursor; an unreadable one restarts from scratch (safe: ingest is idempotent) and says so. */
export function decodeGithubCursor(text: string | null): { cursor: GithubCursor; reset: boolean } {
  if (text === null) return { cursor: emptyGithubCursor(), reset: false };
  try {
    const parsed = Cursor.safeParse(JSON.parse(text));
    if (parsed.success) return { cursor: parsed.data, reset: false };
  } catch {
    // fall through
  }
  return { cursor: emptyGithubCursor(), reset: true };
}

export function encodeGithubCursor(cursor: GithubCursor): string {
  return JSON.stringify(cursor);
}
