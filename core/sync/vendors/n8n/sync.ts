import type { Logger } from '../../../platform/logger.ts';
import { HttpFailure } from '../../../platform/http/types.ts';
import { addGapRange, idNumber, type N8nCursor, type Scan, type Stream } from './cursor.ts';
import { idText, n8nStatus } from './mapper.ts';

/**
 * One step of the n8n incremental sync: exactly one kind of work per call (a runs page, an errors page or a batch
 * of gap fetches), so each call's result is one ingest transaction. See cursor.ts for the design.
 */
export interface ListedPage {
  items: unknown[];
  next: string | null;
}

export interface SyncIo {
  /** `GET /executions` (all, limit 250) or `status=error&includeData=true` (limit 25); throws HttpFailure. */
  list(stream: 'runs' | 'errors', cursor: string | undefined): Promise<ListedPage>;
  /** `GET /executions/{id}?includeData=true`; null on 404. */
  fetch(id: string): Promise<unknown | null>;
  logger: Logger;
}

export interface StepResult {
  /** Raw n8n executions to map and ingest. */
  items: unknown[];
  cursor: N8nCursor;
  hasMore: boolean;
  /** Missing execution ids too many to follow: their runs, if n8n has them, are not fetched. */
  dropped?: number;
}

/** How many gaps one step fetches. */
export const GAP_BATCH = 25;
/** Ids below the oldest listed execution followed when a scan reaches the end of n8n's history. */
export const END_GAPS = 100;

export function isInvalidCursor(error: unknown): boolean {
  if (!(error instanceof HttpFailure) || error.status !== 400) return false;
  const message = (error.body as { message?: unknown } | null)?.message;
  return typeof message === 'string' && /invalid cursor/i.test(message);
}

/** Lists the stream's next page; a cursor n8n refuses restarts the scan from the newest run (hwm stays). */
async function listPage(io: SyncIo, stream: 'runs' | 'errors', scan: Scan | undefined): Promise<{ page: ListedPage; restarted: boolean }> {
  if (!scan) return { page: await io.list(stream, undefined), restarted: false };
  try {
    return { page: await io.list(stream, scan.next), restarted: false };
  } catch (error) {
    if (!isInvalidCursor(error)) throw error;
    io.logger.warn('n8n refused the page cursor; restarting the scan from the newest execution', { stream });
    return { page: await io.list(stream, undefined), restarted: true };
  }
}

interface Listed {
  item: unknown;
  id: string;
  n: number | null;
}

/** Items newest first (n8n promises that order, but a page is sorted here anyway). */
function sortedItems(items: unknown[]): Listed[] {
  const listed = items.map((item) => {
    const id = idText((item as { id?: unknown } | null)?.id) ?? '';
    return { item, id, n: idNumber(id) };
  });
  return listed.sort((a, b) => (b.n ?? Infinity) - (a.n ?? Infinity));
}

const maxId = (a: string | null, b: number | null): string | null =>
  b === null ? a : a === null || Number(a) < b ? String(b) : a;

function finish(c: N8nCursor, patch: Partial<N8nCursor>): StepResult['cursor'] {
  return { ...c, ...patch };
}

async function runsStep(c: N8nCursor, io: SyncIo): Promise<StepResult> {
  const { page, restarted } = await listPage(io, 'runs', c.runs.scan);
  const scan = restarted ? undefined : c.runs.scan;
  const hwm = c.runs.hwm === null ? null : Number(c.runs.hwm);
  const listed = sortedItems(page.items);
  let top = scan ? Number(scan.top) : null;
  let low = scan?.low ? Number(scan.low) : null;
  let sawErrors = scan?.sawErrors ?? false;
  let gaps = c.gaps;
  let dropped = 0;
  let reachedHwm = false;
  const items: unknown[] = [];
  for (const { item, id, n } of listed) {
    if (n !== null && hwm !== null && n <= hwm) {
      reachedHwm = true;
      continue;
    }
    items.push(item);
    const status = (item as { status?: unknown } | null)?.status;
    if (typeof status === 'string' && n8nStatus(status) === 'failed') sawErrors = true;
    if (n === null) continue;
    if (gaps.includes(id)) gaps = gaps.filter((g) => g !== id);
    if (top === null || n > top) top = n;
    if (low === null) {
      low = n;
    } else if (n < low) {
      const added = addGapRange(gaps, n, low);
      gaps = added.gaps;
      dropped += added.dropped;
      low = n;
    }
  }
  const done = reachedHwm || page.next === null || page.items.length === 0;
  if (!done) {
    const next: Scan = { top: String(top ?? hwm ?? 0), low: low === null ? null : String(low), next: page.next!, sawErrors };
    if (dropped) io.logger.warn('n8n sync: too many missing execution ids to follow; the oldest are not fetched', { dropped });
    return { items, cursor: finish(c, { runs: { hwm: c.runs.hwm, scan: next }, gaps }), hasMore: true, dropped };
  }
  // Ids between hwm and the lowest listed one that the list did not show. A scan that reached the end of n8n's
  // history (first sync, or hwm pruned away) follows only the END_GAPS ids just below the oldest listed one: older
  // ids were pruned, bar a run that has been going since before the oldest kept execution.
  if (low !== null) {
    const floor = reachedHwm ? hwm : Math.max(hwm ?? 0, low - END_GAPS - 1);
    if (floor !== null) {
      const added = addGapRange(gaps, floor, low);
      gaps = added.gaps;
      dropped += added.dropped;
    }
  }
  if (dropped) io.logger.warn('n8n sync: too many missing execution ids to follow; the oldest are not fetched', { dropped });
  const runs: Stream = { hwm: maxId(c.runs.hwm, top) };
  const phase = sawErrors ? 'errors' : gaps.length ? 'gaps' : 'runs';
  return { items, cursor: finish(c, { phase, runs, gaps }), hasMore: phase !== 'runs', dropped };
}

async function errorsStep(c: N8nCursor, io: SyncIo): Promise<StepResult> {
  const { page, restarted } = await listPage(io, 'errors', c.errors.scan);
  const scan = restarted ? undefined : c.errors.scan;
  const hwm = c.errors.hwm === null ? null : Number(c.errors.hwm);
  let top = scan ? Number(scan.top) : null;
  let reachedHwm = false;
  const items: unknown[] = [];
  for (const { item, n } of sortedItems(page.items)) {
    if (n !== null && hwm !== null && n <= hwm) {
      reachedHwm = true;
      continue;
    }
    items.push(item);
    if (n !== null && (top === null || n > top)) top = n;
  }
  const done = reachedHwm || page.next === null || page.items.length === 0;
  if (!done) {
    const next: Scan = { top: String(top ?? hwm ?? 0), low: null, next: page.next! };
    return { items, cursor: finish(c, { errors: { hwm: c.errors.hwm, scan: next } }), hasMore: true };
  }
  const phase = c.gaps.length ? 'gaps' : 'runs';
  return { items, cursor: finish(c, { phase, errors: { hwm: maxId(c.errors.hwm, top) } }), hasMore: phase !== 'runs' };
}

async function gapsStep(c: N8nCursor, io: SyncIo): Promise<StepResult> {
  const batch = c.gaps.slice(0, GAP_BATCH);
  const items: unknown[] = [];
  for (const id of batch) {
    const found = await io.fetch(id);
    if (found !== null) items.push(found);
  }
  const gaps = c.gaps.slice(batch.length);
  const phase = gaps.length ? 'gaps' : 'runs';
  return { items, cursor: finish(c, { phase, gaps }), hasMore: phase !== 'runs' };
}

export function syncStep(c: N8nCursor, io: SyncIo): Promise<StepResult> {
  if (c.phase === 'errors') return errorsStep(c, io);
  if (c.phase === 'gaps') return gapsStep(c, io);
  return runsStep(c, io);
}
