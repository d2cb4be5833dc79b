/**
 * The n8n connector's sync cursor: the opaque text stored WITH each page's runs (one ingest transaction).
 *
 * n8n lists executions newest first by numeric id with a keyset cursor. Two streams are kept:
 * - `runs`: every listed execution (no data, 250 a page) down to `runs.hwm`, the highest id fully synced;
 * - `errors`: `status=error&includeData=true` (25 a page) down to `errors.hwm`, so failed runs get their error
 *   message and failing node. It runs only when the runs scan saw a failure; skipping it leaves its hwm behind,
 *   so nothing is lost, the next errors scan just reaches further back.
 * A scan in progress keeps `top` (the newest id it started from) and `next` (n8n's nextCursor); only a finished
 * scan moves hwm to `top`. A crash between pages replays the last page; it never skips one.
 *
 * Gaps: n8n leaves executions it is running out of the list. Ids missing between listed ones (and between the
 * lowest listed and hwm) are kept in `gaps` and fetched one by one (`GET /executions/{id}`) at the end of the
 * cycle: a running one comes back as "running" (then refreshRuns follows it), a finished one with its result,
 * a 404 (deleted, never saved, not visible to the key) is dropped.
 */
export interface Scan {
  top: string;
  /** Lowest id seen so far in this scan (runs stream only; for gap detection). */
  low: string | null;
  next: string;
  /** The runs scan saw a failed execution, so an errors scan is due. */
  sawErrors?: boolean;
}

export interface Stream {
  hwm: string | null;
  scan?: Scan;
}

export type Phase = 'runs' | 'errors' | 'gaps';

export interface N8nCursor {
  v: 1;
  phase: Phase;
  runs: Stream;
  errors: Stream;
  /** Execution ids (newest first) missing from the list, to fetch one by one. */
  gaps: string[];
}

/** Most gaps remembered per cycle (the newest are kept: a running execution is recent). */
export const MAX_GAPS = 500;

export function initialCursor(): N8nCursor {
  return { v: 1, phase: 'runs', runs: { hwm: null }, errors: { hwm: null }, gaps: [] };
}

const isId = (v: unknown): v is string => typeof v === 'string' && /^\d{1,15}$/.test(v);
const isIdOrNull = (v: unknown) => v === null || isId(v);

function validStream(s: unknown): s is Stream {
  if (!s || typeof s !== 'object') return false;
  const { hwm, scan } = s as Stream;
  if (!isIdOrNull(hwm)) return false;
  if (scan === undefined) return true;
  return !!scan && isId(scan.top) && isIdOrNull(scan.low) && typeof scan.next === 'string' && scan.next.length > 0;
}

/** The stored cursor, or a fresh one when there is none or it is not ours (a fresh start replays, never skips). */
export function parseCursor(text: string | null): N8nCursor | null {
  if (text === null) return initialCursor();
  try {
    const c = JSON.parse(text) as Partial<N8nCursor>;
    const phaseOk = c.phase === 'runs' || c.phase === 'errors' || c.phase === 'gaps';
    if (c.v !== 1 || !phaseOk || !validStream(c.runs) || !validStream(c.errors) || !Array.isArray(c.gaps) || !c.gaps.every(isId)) return null;
    return c as N8nCursor;
  } catch {
    return null;
  }
}

export function serializeCursor(c: N8nCursor): string {
  return JSON.stringify(c);
}

/** Numeric id of an n8n execution id, or null when it is not a plain integer (then it is synced but not ordered). */
export function idNumber(id: string): number | null {
  return isId(id) ? Number(id) : null;
}

/**
 * Adds the ids strictly between `low` and `high` to `gaps`, newest first, keeping at most MAX_GAPS (older ones are
 * dropped and counted). Works from the top of the range, so a huge range costs at most MAX_GAPS steps.
 */
export function addGapRange(gaps: string[], low: number, high: number): { gaps: string[]; dropped: number } {
  const out = gaps.slice();
  const have = new Set(out);
  let dropped = 0;
  for (let id = high - 1; id > low; id--) {
    if (out.length >= MAX_GAPS) {
      dropped += id - low;
      break;
    }
    const key = String(id);
    if (!have.has(key)) {
      out.push(key);
      have.add(key);
    }
  }
  out.sort((a, b) => Number(b) - Number(a));
  return { gaps: out, dropped };
}
