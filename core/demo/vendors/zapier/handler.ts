import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../../platform/clock.ts';
import type { FaultPlan } from '../faults.ts';
import { ZapierState, type FakeZapRun } from './state.ts';
import { ZapierRateLimits, type RateVerdict } from './rate-limit.ts';
import { listableZaps, switchZap, wireZap, ZAP_READ_SCOPES } from './zaps.ts';

const MINUTE = 60_000;

export interface RequestLogEntry {
  at: number;
  method: string;
  path: string;
  status: number;
}

export interface HandlerContext {
  state: ZapierState;
  clock: Clock;
  /** The request limits (shared with a test that plays the partner's other installs); a fresh pair when absent. */
  limits?: ZapierRateLimits;
  plan: FaultPlan;
  /** Every request with its answer's status (tests); the demo keeps none. */
  log?: RequestLogEntry[];
  /** The public origin, for links.next / links.prev. */
  origin: () => string;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

function error(res: ServerResponse, status: number, code: string, title: string, detail: string, headers: Record<string, string> = {}): void {
  send(res, status, { errors: [{ status: String(status), code, title, detail }] }, headers);
}

function wireRun(r: FakeZapRun) {
  return {
    id: r.id, zap_id: r.zap_id, start_time: iso(r.start_time), end_time: iso(r.end_time), status: r.status,
    zap_title: r.zap_title, steps: r.steps.map((s) => ({ status: s.status, start_time: iso(s.start_time) })), data_in: '', data_out: r.data_out,
  };
}

function intParam(q: URLSearchParams, name: string, fallback: number): number | null {
  const raw = q.get(name);
  if (raw === null) return fallback;
  return /^\d+$/.test(raw) ? Number(raw) : null;
}

function dateParam(q: URLSearchParams, name: string): number | null | undefined {
  const raw = q.get(name);
  if (raw === null) return undefined;
  const t = Date.parse(raw);
  return Number.isFinite(t) ? t : null;
}

export function createZapierHandler(ctx: HandlerContext) {
  const limits = ctx.limits ?? new ZapierRateLimits();
  let swapPending: number | null = null;

  const page = <T>(res: ServerResponse, path: string, q: URLSearchParams, items: T[], wire: (t: T) => unknown) => {
    const limit = intParam(q, 'limit', 10);
    const offset = intParam(q, 'offset', 0);
    if (limit === null || offset === null || limit < 1) return error(res, 400, 'invalid', 'Bad Request', 'limit and offset must be whole numbers.');
    const size = Math.min(limit, ctx.state.maxLimit);
    let start = offset;
    if (path === '/v2/zap-runs') {
      if (ctx.state.paging.duplicatePage > 0 && offset > 0) {
        ctx.state.paging.duplicatePage -= 1;
        start = Math.max(0, offset - size);
      } else if (swapPending !== null && offset === swapPending) {
        swapPending = null;
        start = Math.max(0, offset - size);
      } else if (ctx.state.paging.swapPages > 0 && offset + size < items.length) {
        ctx.state.paging.swapPages -= 1;
        swapPending = offset + size;
        start = offset + size;
      }
    }
    const data = items.slice(start, start + size).map(wire);
    const link = (o: number) => {
      const u = new URLSearchParams(q);
      u.set('offset', String(o));
      u.set('limit', String(size));
      return `${ctx.origin()}${path}?${u.toString()}`;
    };
    const body = {
      links: { next: offset + size < items.length ? link(offset + size) : null, prev: offset > 0 ? link(Math.max(0, offset - size)) : null },
      meta: { count: items.length, limit: size, offset },
      data,
    };
    send(res, 200, ctx.state.wrapInArray ? [body] : body);
  };

  const listRuns = (res: ServerResponse, q: URLSearchParams) => {
    const now = ctx.clock.now();
    const from = dateParam(q, 'from_date');
    const to = dateParam(q, 'to_date');
    if (from === null || to === null) return error(res, 400, 'invalid', 'Bad Request', 'from_date and to_date must be ISO-8601 dates.');
    const lo = from ?? now - 30 * 24 * 60 * MINUTE;
    const hi = to ?? Number.POSITIVE_INFINITY;
    const statuses = q.get('statuses')?.split(',').filter(Boolean);
    const zapId = q.get('zap_id');
    const runs = ctx.state.runs
      .filter((r) => ZapierState.timeOf(r) >= lo && ZapierState.timeOf(r) <= hi)
      .filter((r) => !statuses || statuses.includes(r.status))
      .filter((r) => zapId === null || String(r.zap_id) === zapId)
      .sort((a, b) => ZapierState.timeOf(b) - ZapierState.timeOf(a) || (a.id < b.id ? 1 : -1));
    page(res, '/v2/zap-runs', q, runs, wireRun);
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const now = ctx.clock.now();
    const logged = (status: number): void => void ctx.log?.push({ at: now, method: req.method ?? 'GET', path: url.pathname + url.search, status });
    if (ctx.plan.apply(req, res)) return logged(-1);
    const throttled = (rate: Extract<RateVerdict, { ok: false }>): void => {
      logged(429);
      error(res, 429, 'throttled', 'Too Many Requests', 'Request was throttled. Expected available in 60 seconds.', {
        'retry-after': String(Math.ceil((rate.until - now) / 1000)), 'x-ratelimit-limit': String(rate.limit),
        'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(rate.until / 1000)),
      });
    };
    // docs/vendors.md R4: per address first, then per partner once the token says whose install this is.
    const byAddress = limits.byAddress(req.socket.remoteAddress ?? 'unknown', now);
    if (!byAddress.ok) return throttled(byAddress);
    let rateHeaders = { 'x-ratelimit-limit': String(byAddress.limit), 'x-ratelimit-remaining': String(byAddress.remaining) };
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const scopes = token ? ctx.state.scopesOf(token) : null;
    if (!scopes) {
      logged(401);
      return error(res, 401, 'not_authenticated', 'Unauthorized', 'Authentication credentials were not provided or are invalid.', rateHeaders);
    }
    const byPartner = limits.byPartner(ctx.state.partnerOf(token!), now);
    if (!byPartner.ok) return throttled(byPartner);
    if (byPartner.remaining < byAddress.remaining) {
      rateHeaders = { 'x-ratelimit-limit': String(byPartner.limit), 'x-ratelimit-remaining': String(byPartner.remaining) };
    }
    const denied = (need: string): void => {
      logged(403);
      error(res, 403, 'permission_denied', 'Forbidden', `This endpoint requires the ${need} scope.`);
    };
    const onOff = /^\/v2\/zaps\/([^/]+)\/(enable|disable)$/.exec(url.pathname);
    if (onOff && req.method === 'POST') {
      // docs/vendors.md Z8
      const r = switchZap(ctx.state, scopes, decodeURIComponent(onOff[1]!), onOff[2] === 'enable');
      logged(r.status);
      if (r.status === 200) return send(res, 200, wireZap(r.zap, ctx.origin()), rateHeaders);
      return error(res, r.status, r.code, r.status === 403 ? 'Forbidden' : 'Not Found', r.detail, rateHeaders);
    }
    if (req.method !== 'GET') {
      logged(405);
      return error(res, 405, 'method_not_allowed', 'Method Not Allowed', `${req.method} is not allowed here.`);
    }
    if (url.pathname === '/v2/zap-runs') {
      // Needs zap:runs; the runs are not narrowed by the key's Zap read scope. docs/vendors.md Z9
      if (!scopes.has('zap:runs')) return denied('zap:runs');
      logged(200);
      return listRuns(res, url.searchParams);
    }
    if (url.pathname === '/v2/zaps') {
      // docs/vendors.md Z1, Z2, Z3
      if (!ZAP_READ_SCOPES.some((s) => scopes.has(s))) return denied('zap, zap:all or zap:account:all');
      const listing = listableZaps(ctx.state, scopes, url.searchParams.get('include_shared') === 'true');
      if (!listing.ok) {
        logged(403);
        return error(res, 403, 'permission_denied', 'Forbidden', listing.detail, rateHeaders);
      }
      logged(200);
      return page(res, '/v2/zaps', url.searchParams, listing.zaps, (z) => wireZap(z, ctx.origin()));
    }
    logged(404);
    return error(res, 404, 'not_found', 'Not Found', `No endpoint at ${url.pathname}.`);
  };
}
