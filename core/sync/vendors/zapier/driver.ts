import type { IngestRecord } from '../../ingest/record.ts';
import { HttpFailure, type HttpRequest } from '../../../platform/http/types.ts';
import { MissingCredential } from '../../health.ts';
import type { ConnectorDeps, ConnectorDriver, DriverFactory, RunsPage, TestOutcome, WorkflowDefinition } from '../types.ts';
import { decodeCursor, dueWatch, encodeCursor, firstCursor, InvalidZapierCursor, nextWindow, type WindowPolicy, type ZapierCursor } from './cursor.ts';
import { zapKeyer } from './ids.ts';
import { DEFAULT_WEB_BASE_URL, isSettled, mapZap, mapZapRun, type MapOptions, type ZapRun } from './mapper.ts';
import { readRunsPage, type ParsedPage } from './page.ts';
import { describeTestFailure, describeVisibility } from './test-connection.ts';
import { createZapSource } from './zaps.ts';

export { describeTestFailure } from './test-connection.ts';

/** Documented limit: 60 requests/min per IP (and 150/min per partner), then a 60 s cooldown (docs/vendors.md R4). */
export const ZAPIER_RATE_BUDGET = { limit: 60, windowMs: 60_000 } as const;
export const ZAPIER_API_BASE_URL = 'https://api.zapier.com';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Kind-specific options (connector config.options); all optional. */
export interface ZapierOptions {
  /** Runs per page (API default 10; the maximum is not documented, so the page's real length is what counts). */
  pageSize: number;
  /** How far back the first sync reads (the API's own default is 30 days). */
  historyDays: number;
  overlapMs: number;
  maxHoldMs: number;
  /** Look-back and page cap for refreshRuns (Zapier has no get-run-by-id endpoint). */
  refreshLookbackMs: number;
  refreshMaxPages: number;
  /** How often a watched (long-unsettled) run is re-read. */
  recheckEveryMs: number;
  webBaseUrl: string;
}

export const ZAPIER_DEFAULTS: ZapierOptions = {
  pageSize: 100, historyDays: 30, overlapMs: 10 * MINUTE, maxHoldMs: DAY, refreshLookbackMs: DAY, refreshMaxPages: 3,
  recheckEveryMs: 15 * MINUTE, webBaseUrl: DEFAULT_WEB_BASE_URL,
};

function readOptions(raw: Record<string, unknown>): ZapierOptions {
  const num = (key: keyof ZapierOptions, min: number, max: number): number => {
    const v = raw[key];
    return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : ZAPIER_DEFAULTS[key] as number;
  };
  return {
    pageSize: Math.floor(num('pageSize', 1, 1000)),
    historyDays: num('historyDays', 1, 3650),
    overlapMs: num('overlapMs', 0, 7 * DAY),
    maxHoldMs: num('maxHoldMs', 0, 30 * DAY),
    refreshLookbackMs: num('refreshLookbackMs', MINUTE, 30 * DAY),
    refreshMaxPages: Math.floor(num('refreshMaxPages', 0, 100)),
    recheckEveryMs: num('recheckEveryMs', MINUTE, 7 * DAY),
    webBaseUrl: typeof raw['webBaseUrl'] === 'string' ? raw['webBaseUrl'] : DEFAULT_WEB_BASE_URL,
  };
}

/** A stored position Flowdeck cannot read is an invalid cursor (the scheduler says "needs attention"). */
function readCursor(text: string): ZapierCursor {
  try {
    return decodeCursor(text);
  } catch (error) {
    if (error instanceof InvalidZapierCursor) throw new HttpFailure('client', error.message, { body: { code: 'invalid_cursor' } });
    throw error;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

function runsPath(from: number, to: number, limit: number, offset: number): string {
  const q = new URLSearchParams({ from_date: iso(from), to_date: iso(to), limit: String(limit), offset: String(offset) });
  return `/v2/zap-runs?${q.toString()}`;
}

/** The time a run counts at for the hold (null when Zapier has not started it yet). */
function startOf(run: ZapRun): number | null {
  const t = run.start_time ? Date.parse(run.start_time) : NaN;
  return Number.isFinite(t) ? t : null;
}

export const createZapierDriver: DriverFactory = (deps: ConnectorDeps): ConnectorDriver => {
  const options = readOptions(deps.config.options);
  const policy: WindowPolicy = { overlapMs: options.overlapMs, maxHoldMs: options.maxHoldMs, maxWatched: 500, watchForMs: 30 * DAY };
  // One key per Zap whichever id shape Zapier uses; an unknown shape is logged once per connector (docs/vendors.md Z5).
  const zapKey = zapKeyer((raw) => deps.logger.warn('Zapier sent a Zap id of a shape Flowdeck does not know; it is used as it is, and its runs may not attach to it', {
    connectorId: deps.config.id, id: String(raw),
  }));
  const mapOptions: MapOptions = { webBaseUrl: options.webBaseUrl, zapKey };

  const send = async (method: 'GET' | 'POST', path: string): Promise<unknown> => {
    const token = await deps.credential();
    if (!token) throw new MissingCredential('No Zapier access token is stored for this connector; add one in Connectors.');
    const req: HttpRequest = { method, path, headers: { authorization: `Bearer ${token}` }, ...(method === 'POST' ? { idempotent: true } : {}) };
    return (await deps.http.request(req)).body;
  };
  const get = (path: string) => send('GET', path);
  const zapSource = createZapSource({
    connectorId: deps.config.id, token: deps.credential, get, post: (path) => send('POST', path), key: zapKey, pageSize: options.pageSize,
    logger: deps.logger,
  });

  const mapRuns = (page: ParsedPage<ZapRun>): IngestRecord[] => {
    if (page.rejected.length) {
      deps.logger.warn('Zapier returned runs Flowdeck cannot identify; skipped', { connectorId: deps.config.id, rejected: page.rejected.slice(0, 5) });
    }
    return page.data.map((run) => mapZapRun(run, mapOptions));
  };

  /** Applies what a page says about unsettled runs to the cursor's hold, open and watch lists. */
  const track = (c: ZapierCursor, runs: ZapRun[]): ZapierCursor => {
    let { hold } = c;
    const open = new Map(c.open.map((e) => [e[0], e] as const));
    const watch = new Map(c.watch.map((e) => [e[0], e] as const));
    for (const run of runs) {
      if (isSettled(run.status)) {
        open.delete(run.id);
        watch.delete(run.id);
        continue;
      }
      const start = startOf(run);
      hold = Math.min(hold ?? Infinity, start ?? c.from);
      if (start !== null && open.size < policy.maxWatched) open.set(run.id, [run.id, start]);
    }
    return { ...c, hold, open: [...open.values()], watch: [...watch.values()] };
  };

  /** Re-reads one long-unsettled run through a narrow date filter around its start (one request). */
  async function recheck(c: ZapierCursor, entry: [string, number, number], now: number): Promise<RunsPage> {
    const [id, start] = entry;
    const page = readRunsPage(await get(runsPath(start - 1000, start + 1000, options.pageSize, 0)));
    const tracked = track(c, page.data);
    const stillThere = page.data.some((r) => r.id === id);
    const watch = tracked.watch.flatMap((w): [string, number, number][] => {
      if (w[0] !== id) return [w];
      if (!stillThere) {
        deps.logger.warn('A watched Zapier run is no longer listed; it stays as last seen', { connectorId: deps.config.id, run: id });
        return [];
      }
      return [[w[0], w[1], now]];
    });
    return { records: mapRuns(page), cursor: encodeCursor({ ...tracked, open: c.open, watch }), hasMore: true };
  }

  async function listRuns(cursorText: string | null): Promise<RunsPage> {
    const now = deps.clock.now();
    const start = cursorText === null ? firstCursor(now, options.historyDays * DAY) : readCursor(cursorText);
    if (start.to === null) {
      const due = dueWatch(start, now, options.recheckEveryMs);
      if (due) return recheck(start, due, now);
    }
    const c: ZapierCursor & { to: number } = { ...start, to: start.to ?? now };
    const fetchPage = async () => {
      const fetched = readRunsPage(await get(runsPath(c.from, c.to, options.pageSize, c.offset)));
      if (fetched.meta.offset !== null && fetched.meta.offset !== c.offset) {
        throw new HttpFailure('bad_response', `Zapier answered offset ${fetched.meta.offset} when asked for offset ${c.offset}; the page was not used and will be asked for again.`);
      }
      return fetched;
    };
    let page = await fetchPage();
    if (c.prev && page.data[0]?.id === c.prev[0]) {
      // The previous page again (a proxy or API hiccup): ask once more. The same answer twice means the list really
      // shifted (runs recorded late inside the window); reading a few runs twice is harmless, skipping would not be.
      deps.logger.warn('Zapier repeated the previous page of runs; asking again', { connectorId: deps.config.id, offset: c.offset });
      page = await fetchPage();
    }
    const ids = page.data.map((r) => r.id);
    const length = page.data.length + page.rejected.length;
    const done = length === 0 || page.links.next === null;
    const after = {
      ...track(c, page.data), to: c.to, offset: c.offset + length, prev: ids.length ? [ids[0]!, ids.at(-1)!] as [string, string] : c.prev,
    };
    const cursor = done ? nextWindow(after, policy, now) : after;
    return { records: mapRuns(page), cursor: encodeCursor(cursor), hasMore: !done };
  }

  async function refreshRuns(externalRunIds: string[]): Promise<IngestRecord[]> {
    const wanted = new Set(externalRunIds);
    if (!wanted.size) return [];
    const now = deps.clock.now();
    const from = now - options.refreshLookbackMs;
    const found: IngestRecord[] = [];
    let offset = 0;
    for (let i = 0; i < options.refreshMaxPages && wanted.size; i++) {
      const page = readRunsPage(await get(runsPath(from, now, options.pageSize, offset)));
      for (const run of page.data) {
        if (!wanted.delete(run.id)) continue;
        found.push(mapZapRun(run, mapOptions));
      }
      const length = page.data.length + page.rejected.length;
      if (length === 0 || page.links.next === null) break;
      offset += length;
    }
    return found;
  }

  async function listWorkflows(): Promise<WorkflowDefinition[]> {
    return (await zapSource.list()).zaps.map((zap) => mapZap(zap, mapOptions));
  }

  async function testConnection(): Promise<TestOutcome> {
    try {
      if (!(await deps.credential())) {
        return { ok: false, reason: 'no_credential', message: 'Add a Zapier access token (with the zap:all and zap:runs scopes) first.' };
      }
      const listing = await zapSource.list();
      // Reading runs needs its own scope (zap:runs); test it too so the first sync does not fail. The Zaps recent runs
      // name tell whether the key's scopes hide some of them.
      const now = deps.clock.now();
      const runs = readRunsPage(await get(runsPath(now - options.historyDays * DAY, now, options.pageSize, 0)));
      return describeVisibility(listing, runs.data, zapKey);
    } catch (error) {
      return describeTestFailure(error);
    }
  }

  return {
    kind: 'zapier', testConnection, listWorkflows, listRuns, refreshRuns,
    // POST /v2/zaps/{id}/enable|disable (docs/vendors.md Z8); refused, they say so in plain words.
    actions: {
      activateWorkflow: (id) => zapSource.setEnabled(id, true),
      deactivateWorkflow: (id) => zapSource.setEnabled(id, false),
    },
  };
};
