import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../../core/platform/clock.ts';
import type { FaultPlan } from '../faults.ts';
import type { ActivepiecesState, FakeFlow, FakeRun } from './state.ts';
import { seekPage } from './paging.ts';

export interface RequestLogEntry {
  at: number;
  method: string;
  path: string;
  status: number;
}

export interface HandlerContext {
  state: ActivepiecesState;
  clock: Clock;
  plan: FaultPlan;
  log: RequestLogEntry[];
}

const iso = (ms: number | null) => (ms === null ? undefined : new Date(ms).toISOString());

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/** docs/vendors.md A9: `{ code, params: { message } }`. */
const apError = (res: ServerResponse, status: number, code: string, message: string) => send(res, status, { code, params: { message } });

/** docs/vendors.md A7: a populated flow, its latest version inside. */
function wireFlow(f: FakeFlow) {
  return {
    id: f.id, created: iso(f.created), updated: iso(f.updated), projectId: f.projectId, externalId: f.id, folderId: null, status: f.status,
    publishedVersionId: f.versionId, metadata: null,
    version: {
      id: f.versionId, created: iso(f.created), updated: iso(f.created), flowId: f.id, displayName: f.displayName, valid: true, state: 'LOCKED',
      trigger: { name: 'trigger', type: 'PIECE_TRIGGER', displayName: 'Every hour', settings: { pieceName: '@activepieces/piece-schedule' } },
    },
  };
}

/** docs/vendors.md A6: a run's fields in the API's current or legacy shape; its steps only when asked for one run. */
function wireRun(r: FakeRun, shape: ActivepiecesState['shape'], withSteps: boolean) {
  const named = shape === 'current'
    ? { flowVersion: { displayName: r.flowDisplayName }, ...(r.failure ? { failedStep: { name: r.failure.step, displayName: r.failure.displayName } } : {}) }
    : { flowDisplayName: r.flowDisplayName, ...(r.failure ? { failedStepName: r.failure.step } : {}) };
  const steps: Record<string, unknown> = { trigger: { type: 'PIECE_TRIGGER', status: 'SUCCEEDED', input: {}, output: { fired: true } } };
  if (r.failure) steps[r.failure.step] = { type: 'PIECE', status: 'FAILED', input: {}, errorMessage: { message: r.failure.message } };
  return {
    id: r.id, created: iso(r.created), updated: iso(r.updated), projectId: r.projectId, flowId: r.flowId, flowVersionId: r.flowVersionId,
    ...named, status: r.status, environment: r.environment, tags: [], logsFileId: null, failParentOnFailure: false, tasks: 2,
    startTime: iso(shape === 'legacy' ? r.startTime ?? r.created : r.startTime), finishTime: iso(r.finishTime),
    steps: withSteps ? steps : null,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function timeParam(q: URLSearchParams, name: string): number | null | undefined {
  const raw = q.get(name);
  if (raw === null) return undefined;
  const t = Date.parse(raw);
  return Number.isFinite(t) ? t : null;
}

export function createActivepiecesHandler(ctx: HandlerContext) {
  const { state } = ctx;
  const hits = new Map<string, number[]>();

  /** A10 (assumption): past `state.rateLimit`, 429 with Retry-After, the way @fastify/rate-limit answers. */
  function throttled(key: string, now: number): number | null {
    if (!state.rateLimit) return null;
    const { limit, windowMs } = state.rateLimit;
    const recent = (hits.get(key) ?? []).filter((t) => t > now - windowMs);
    if (recent.length >= limit) return Math.ceil((recent[0]! + windowMs - now) / 1000);
    hits.set(key, [...recent, now]);
    return null;
  }

  /** A2: a project the key's platform owns, or the reason it may not be read. */
  function projectCheck(res: ServerResponse, platform: string, projectId: string | null): boolean {
    if (projectId === null) {
      send(res, 400, { statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message: "querystring must have required property 'projectId'" });
      return false;
    }
    if (state.projects.get(projectId) !== platform) {
      apError(res, 403, 'AUTHORIZATION', 'invalid project id and platform id');
      return false;
    }
    return true;
  }

  const listRuns = (res: ServerResponse, q: URLSearchParams) => {
    const after = timeParam(q, 'createdAfter');
    const before = timeParam(q, 'createdBefore');
    if (after === null || before === null) return apError(res, 400, 'VALIDATION', 'createdAfter and createdBefore must be dates');
    // A4: production runs of the project, createdAfter and createdBefore both inclusive, newest created first.
    const runs = state.runs
      .filter((r) => r.projectId === q.get('projectId') && r.environment === 'PRODUCTION')
      .filter((r) => (after === undefined || r.created >= after) && (before === undefined || r.created <= before))
      .sort((a, b) => b.created - a.created);
    const page = seekPage(runs, q, (r) => r.created);
    if (!page) return apError(res, 400, 'VALIDATION', 'invalid cursor');
    send(res, 200, { ...page, data: page.data.map((r) => wireRun(r, state.shape, false)) });
  };

  const listFlows = (res: ServerResponse, q: URLSearchParams) => {
    const flows = state.flows.filter((f) => f.projectId === q.get('projectId')).sort((a, b) => b.created - a.created);
    const page = seekPage(flows, q, (f) => f.created);
    if (!page) return apError(res, 400, 'VALIDATION', 'invalid cursor');
    send(res, 200, { ...page, data: page.data.map(wireFlow) });
  };

  /** A8: `{ type: 'CHANGE_STATUS', request: { status } }` switches a flow; the answer is the flow as it now is. */
  const operate = (res: ServerResponse, flow: FakeFlow, body: string) => {
    const op = parseJson(body) as { type?: unknown; request?: { status?: unknown } } | null;
    const status = op?.request?.status;
    if (op?.type !== 'CHANGE_STATUS' || (status !== 'ENABLED' && status !== 'DISABLED')) {
      return send(res, 400, { statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message: 'body must match a flow operation' });
    }
    flow.status = status;
    flow.updated = ctx.clock.now();
    send(res, 200, wireFlow(flow));
  };

  return (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const now = ctx.clock.now();
    const method = req.method ?? 'GET';
    const entry: RequestLogEntry = { at: now, method, path: url.pathname + url.search, status: -1 };
    ctx.log.push(entry);
    if (ctx.plan.apply(req, res)) return;
    res.on('finish', () => (entry.status = res.statusCode));
    const path = url.pathname.replace(/\/+$/, '');
    // A1: the API lives under /api/v1; other paths are not routes (Fastify's own 404).
    if (!path.startsWith('/api/v1/')) {
      return send(res, 404, { message: `Route ${method}:${url.pathname} not found`, error: 'Not Found', statusCode: 404 });
    }
    // A1: `Authorization: Bearer sk-…` is a platform API key; any other bearer is read as a (here: invalid) session token.
    const token = /^Bearer\s+(\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
    const platform = token?.startsWith('sk-') ? state.platformOf(token) : null;
    if (!platform) {
      return token?.startsWith('sk-') ? apError(res, 401, 'AUTHENTICATION', 'invalid api key') : apError(res, 401, 'INVALID_BEARER_TOKEN', 'invalid access token');
    }
    const wait = throttled(token!, now);
    if (wait !== null) {
      return send(res, 429, { statusCode: 429, error: 'Too Many Requests', message: `Rate limit exceeded, retry in ${wait} seconds` }, { 'retry-after': String(wait) });
    }
    const q = url.searchParams;
    const route = path.slice('/api/v1'.length);
    const one = /^\/(flows|flow-runs)\/([^/]+)$/.exec(route);
    if (method === 'GET' && (route === '/flow-runs' || route === '/flows')) {
      if (!projectCheck(res, platform, q.get('projectId'))) return;
      return route === '/flows' ? listFlows(res, q) : listRuns(res, q);
    }
    if (one) {
      // A2: for one resource the project is the resource's own.
      const id = decodeURIComponent(one[2]!);
      const found = one[1] === 'flows' ? state.flow(id) : state.run(id);
      if (!found) {
        return apError(res, 404, 'ENTITY_NOT_FOUND', `resource with id ${id} not found`);
      }
      if (!projectCheck(res, platform, found.projectId)) return;
      if (one[1] === 'flow-runs' && method === 'GET') return send(res, 200, wireRun(found as FakeRun, state.shape, true));
      if (one[1] === 'flows' && method === 'GET') return send(res, 200, wireFlow(found as FakeFlow));
      if (one[1] === 'flows' && method === 'POST') return operate(res, found as FakeFlow, body);
    }
    send(res, 404, { message: `Route ${method}:${url.pathname} not found`, error: 'Not Found', statusCode: 404 });
  };
}
