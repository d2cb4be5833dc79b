import type { IngestRecord } from '../../ingest/record.ts';
import type { Logger } from '../../../platform/logger.ts';
import { HttpFailure } from '../../../platform/http/types.ts';
import type { RunsPage } from '../types.ts';
import { echoedLimit, listIn, scopeQuery, type MakeApi, type MakeScope } from './api.ts';
import {
  decodeMakeCursor, encodeMakeCursor, MAX_PENDING_DETAILS, MAX_RECENT, newPass,
  type MakeCursor, type MakePass, type MakePendingDetail, type MakeQueueItem,
} from './cursor.ts';
import { makeEntryKind } from './log-kinds.ts';
import {
  makeHasErrorDetail, mapMakeLog, scenarioLooksFailing, scenarioSignature, type MakeExecutionDetail, type MakeLog, type MakeScenario,
} from './mapper.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface MakeSyncOptions {
  /** Logs per page (the documented recipe uses 50). */
  logsPageSize: number;
  scenariosPageSize: number;
  /** How far each window reaches back before the last mark: covers logs that appear late (long executions). */
  overlapMs: number;
  /** A quiet scenario (signal unchanged) is still re-read at least this often. */
  maxQuietMs: number;
  /** A new pass starts at most this often while error details are still being fetched. */
  passGapMs: number;
  /** Error details are fetched for failures no older than this. */
  detailMaxAgeMs: number;
  /** Detail requests per call while a pass runs / when only details are left. */
  detailsPerCall: number;
  detailsPerIdleCall: number;
  /** First sync reaches back this far (null = all the history Make keeps). */
  historyMs: number | null;
}

export const DEFAULT_MAKE_SYNC: MakeSyncOptions = {
  logsPageSize: 50, scenariosPageSize: 100, overlapMs: 40 * MINUTE, maxQuietMs: 60 * MINUTE, passGapMs: MINUTE,
  detailMaxAgeMs: 7 * DAY, detailsPerCall: 2, detailsPerIdleCall: 10, historyMs: null,
};

export interface MakeSyncContext {
  api: MakeApi;
  scope: MakeScope;
  options: MakeSyncOptions;
  now(): number;
  logger: Logger;
  /** Scenario names and teams seen, for records built outside a pass (refresh). */
  remember(id: number, name: string, team: number): void;
  /** Says once per connector when a log entry of an unknown type appears (log-kinds.ts). */
  noteType(log: MakeLog, scenarioId: number): void;
}

/**
 * An explicit, stable order for the scenario list (docs/vendors.md M13): Make's default is a proprietary setting,
 * descending, which moves while we page, so offset paging could skip a scenario for a cycle.
 */
export const MAKE_SCENARIO_SORT = { 'pg[sortBy]': 'id', 'pg[sortDir]': 'asc' } as const;

const GIVE_UP_NOW = new Set(['auth', 'circuit_open', 'rate_limited']);

/** Reads the scenario list (all pages) and queues the scenarios whose change signal moved. */
async function scan(ctx: MakeSyncContext, c: MakeCursor, pass: MakePass): Promise<void> {
  const limit = ctx.options.scenariosPageSize;
  while (pass.scan !== null) {
    const body = await ctx.api.get<unknown>('/scenarios', { ...scopeQuery(ctx.scope), ...MAKE_SCENARIO_SORT, 'pg[offset]': pass.scan, 'pg[limit]': limit });
    const scenarios = listIn<MakeScenario>(body, 'scenarios', '/scenarios');
    if (pass.scan > 0 && scenarios[0] && scenarios[0].id === pass.scanFirst) {
      replayed(ctx, pass, '/scenarios');
      continue;
    }
    pass.replays = 0;
    for (const s of scenarios) {
      ctx.remember(s.id, s.name, s.teamId);
      pass.ids.push(s.id);
      const mark = c.s[String(s.id)];
      const sig = scenarioSignature(s);
      const stale = !mark || sig === null || mark.sig !== sig || pass.at - mark.hw >= ctx.options.maxQuietMs;
      if (stale) pass.queue.push({ id: s.id, name: s.name, team: s.teamId, sig, hot: scenarioLooksFailing(s, mark?.sig) });
    }
    if (scenarios.length < echoedLimit(body, limit)) {
      const alive = new Set(pass.ids.map(String));
      for (const id of Object.keys(c.s)) if (!alive.has(id)) delete c.s[id];
      pass.queue.sort((a, b) => Number(b.hot) - Number(a.hot));
      pass.ids = [];
      pass.scan = null;
      pass.scanFirst = null;
    } else {
      pass.scan += scenarios.length;
      pass.scanFirst = scenarios[0]?.id ?? null;
    }
  }
}

const MAX_REPLAYS = 3;

/** A page identical to the one before it: ask again, but not forever (paging that ignores the offset is broken). */
function replayed(ctx: MakeSyncContext, pass: MakePass, path: string): void {
  pass.replays += 1;
  ctx.logger.warn('Make sent the same page twice; asking again', { path, offset: pass.scan ?? pass.offset, times: pass.replays });
  if (pass.replays >= MAX_REPLAYS) {
    throw new HttpFailure('bad_response', `Make keeps answering ${path} with the same page whatever the offset — its paging looks broken, so the sync cannot go on safely.`);
  }
}

function finishScenario(c: MakeCursor, pass: MakePass, item: MakeQueueItem, hw: number | null): void {
  if (hw !== null) c.s[String(item.id)] = { hw, sig: item.sig };
  else delete c.s[String(item.id)];
  pass.queue.shift();
  pass.to = null;
  pass.offset = 0;
  pass.firstId = null;
  pass.replays = 0;
}

/** One page of the first queued scenario's logs inside its fixed window. */
async function logsPage(ctx: MakeSyncContext, c: MakeCursor, pass: MakePass, item: MakeQueueItem): Promise<IngestRecord[]> {
  const limit = ctx.options.logsPageSize;
  const mark = c.s[String(item.id)];
  pass.to ??= ctx.now();
  const from = mark ? mark.hw - ctx.options.overlapMs : ctx.options.historyMs !== null ? pass.to - ctx.options.historyMs : undefined;
  const path = `/scenarios/${item.id}/logs`;
  let body: unknown;
  try {
    // docs/vendors.md M3: without showCheckRuns, trigger checks that found nothing are left out, and a quiet polling
    // scenario would look as if it missed its runs.
    body = await ctx.api.get<unknown>(path, { from, to: pass.to, showCheckRuns: true, 'pg[offset]': pass.offset, 'pg[limit]': limit });
  } catch (error) {
    if (error instanceof HttpFailure && error.kind === 'not_found') {
      ctx.logger.info('Make scenario is gone; forgetting it', { scenarioId: item.id });
      finishScenario(c, pass, item, null);
      return [];
    }
    throw error;
  }
  // Paging counts every entry (runs and change-log entries alike), so skipping changes never moves the position.
  const entries = listIn<MakeLog>(body, 'scenarioLogs', path);
  for (const log of entries) ctx.noteType(log, item.id);
  const logs = entries.filter((log) => makeEntryKind(log) === 'run');
  const logCtx = { zoneUrl: ctx.api.zoneUrl, scenarioId: item.id, scenarioName: item.name, teamId: item.team };
  const records = logs.map((log) => mapMakeLog(log, logCtx));
  if (pass.offset > 0 && entries[0] && entries[0].id === pass.firstId) {
    replayed(ctx, pass, path);
    return records;
  }
  pass.replays = 0;
  const oldest = pass.to - ctx.options.detailMaxAgeMs;
  const recent = new Set(c.recent);
  const queued = new Set(c.details.map((d) => d.log.id));
  for (const log of logs) {
    if (!makeHasErrorDetail(log.status) || recent.has(log.id) || queued.has(log.id) || !(Date.parse(log.timestamp) >= oldest)) continue;
    if (c.details.length >= MAX_PENDING_DETAILS) break;
    c.details.push({ sid: item.id, name: item.name, team: item.team, log: pick(log), tries: 0 });
  }
  if (entries.length < echoedLimit(body, limit)) finishScenario(c, pass, item, pass.to);
  else {
    pass.offset += entries.length;
    pass.firstId = entries[0]?.id ?? null;
  }
  return records;
}

function pick(log: MakeLog): MakePendingDetail['log'] {
  return {
    id: log.id, status: log.status, timestamp: log.timestamp, duration: log.duration ?? null, operations: log.operations ?? null,
    type: log.type ?? null, ...(typeof log.teamId === 'number' ? { teamId: log.teamId } : {}),
  };
}

function rememberDetail(c: MakeCursor, id: string): void {
  c.recent.push(id);
  if (c.recent.length > MAX_RECENT) c.recent.splice(0, c.recent.length - MAX_RECENT);
}

/** Fetches the error text and failing module for queued failures and warnings (docs/vendors.md M6); a record per fetched one. */
async function details(ctx: MakeSyncContext, c: MakeCursor, max: number, progressed: boolean): Promise<IngestRecord[]> {
  const out: IngestRecord[] = [];
  let fetched = 0;
  while (fetched < max && c.details.length > 0) {
    fetched += 1;
    const d = c.details[0]!;
    let detail: MakeExecutionDetail | null = null;
    try {
      detail = await ctx.api.get<MakeExecutionDetail>(`/scenarios/${d.sid}/executions/${encodeURIComponent(d.log.id)}`);
    } catch (error) {
      if (!(error instanceof HttpFailure)) throw error;
      if (error.kind !== 'not_found' && error.kind !== 'client') {
        if (GIVE_UP_NOW.has(error.kind)) {
          if (!progressed && out.length === 0) throw error;
          break;
        }
        d.tries += 1;
        if (d.tries < 3) break;
        ctx.logger.warn('Make would not give the error of a failed or warned execution; keeping the run without it', { executionId: d.log.id, kind: error.kind });
      }
    }
    c.details.shift();
    rememberDetail(c, d.log.id);
    if (detail) out.push(mapMakeLog(d.log, { zoneUrl: ctx.api.zoneUrl, scenarioId: d.sid, scenarioName: d.name, teamId: d.team }, detail));
  }
  return out;
}

/**
 * One step of the Make sync. Each call reads the scenario list when a pass starts, then at most one logs page
 * and a few error details, so a call costs a handful of requests and the stored cursor moves page by page.
 */
export async function makeListRuns(ctx: MakeSyncContext, cursorText: string | null): Promise<RunsPage> {
  const { cursor: c, reset } = decodeMakeCursor(cursorText);
  if (reset) ctx.logger.warn('The stored Make sync position was unreadable; reading the history again (no run is duplicated)');
  const now = ctx.now();
  if (!c.pass && (c.details.length === 0 || c.lastPassAt === null || now - c.lastPassAt >= ctx.options.passGapMs)) {
    c.pass = newPass(now);
  }
  const records: IngestRecord[] = [];
  let progressed = false;
  if (c.pass) {
    const pass = c.pass;
    await scan(ctx, c, pass);
    const item = pass.queue[0];
    if (item) records.push(...await logsPage(ctx, c, pass, item));
    progressed = true;
    if (pass.queue.length === 0) {
      c.lastPassAt = pass.at;
      c.pass = null;
    }
  }
  const max = c.pass ? ctx.options.detailsPerCall : ctx.options.detailsPerIdleCall;
  records.push(...await details(ctx, c, max, progressed));
  return { records, cursor: encodeMakeCursor(c), hasMore: c.pass !== null || c.details.length > 0 };
}
