import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultPlan } from '../faults.ts';
import { executionBody, listItem, listItemWithData } from './render.ts';
import type { N8nState } from './state.ts';

/**
 * HTTP face of the fake n8n public API v1 (n8n 2.41.1 behaviour, see fixtures/README.md): auth by `X-N8N-API-KEY`,
 * strict query validation, keyset-paged executions and offset-paged workflows with base64 JSON cursors, weak ETags,
 * retry/activate/deactivate/PUT. Transport faults (FaultPlan) apply first, then vendor-level faults.
 */
export type VendorFaultKind = 'duplicate-page' | 'reorder-page' | 'invalid-cursor';

/** n8n-shaped misbehaviour on `GET /executions` pages that carry a cursor (reorder: any page). */
export class VendorFaults {
  private readonly left = new Map<VendorFaultKind, number>();
  readonly injected: { kind: VendorFaultKind; url: string }[] = [];

  add(kind: VendorFaultKind, times = 1): this {
    this.left.set(kind, (this.left.get(kind) ?? 0) + times);
    return this;
  }

  take(kind: VendorFaultKind, url: string): boolean {
    const n = this.left.get(kind) ?? 0;
    if (n <= 0) return false;
    this.left.set(kind, n - 1);
    this.injected.push({ kind, url });
    return true;
  }
}

export interface RequestLogEntry { method: string; url: string; status: number }

export interface N8nHandlerOptions {
  state: N8nState;
  faults?: FaultPlan;
  vendor?: VendorFaults;
  log?: RequestLogEntry[];
}

type Json = Record<string, unknown>;
class Reply {
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, body: unknown) {
    this.status = status;
    this.body = body;
  }
}
const fail = (status: number, message: string) => new Reply(status, { message });

const EXECUTION_PARAMS = new Set(['includeData', 'status', 'workflowId', 'projectId', 'limit', 'cursor', 'startedAfter', 'startedBefore']);
const WORKFLOW_PARAMS = new Set(['active', 'tags', 'name', 'projectId', 'excludePinnedData', 'limit', 'cursor']);
const STATUSES = ['canceled', 'crashed', 'error', 'new', 'running', 'success', 'unknown', 'waiting'];
const EDITOR_PAGE = '<!DOCTYPE html><html lang="en"><head><title>n8n.io - Workflow Automation</title></head><body><div id="app"></div></body></html>';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64');

function checkParams(q: URLSearchParams, allowed: ReadonlySet<string>): Reply | null {
  for (const key of q.keys()) if (!allowed.has(key)) return fail(400, `Unknown query parameter '${key}'`);
  return null;
}

function bool(q: URLSearchParams, key: string): boolean | undefined | Reply {
  const v = q.get(key);
  if (v === null) return undefined;
  if (v === 'true' || v === 'false') return v === 'true';
  return fail(400, `request/query/${key} must be boolean`);
}

function limitOf(q: URLSearchParams): number | Reply {
  const v = q.get('limit');
  if (v === null) return 100;
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 ? n : fail(400, 'request/query/limit must be number');
}

function decodeCursor(cursor: string): Json | null {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null;
  } catch {
    return null;
  }
}

function time(q: URLSearchParams, key: string): number | undefined | Reply {
  const v = q.get(key);
  if (v === null) return undefined;
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : fail(400, `request/query/${key} must match format "date-time"`);
}

function listExecutions(state: N8nState, q: URLSearchParams, vendor: VendorFaults | undefined, url: string): Reply {
  const bad = checkParams(q, EXECUTION_PARAMS);
  if (bad) return bad;
  const includeData = bool(q, 'includeData');
  const limitQ = limitOf(q);
  const after = time(q, 'startedAfter');
  const before = time(q, 'startedBefore');
  for (const v of [includeData, limitQ, after, before]) if (v instanceof Reply) return v;
  const status = q.get('status') ?? undefined;
  if (status !== undefined && !STATUSES.includes(status)) {
    return fail(400, `request/query/status must be equal to one of the allowed values: ${STATUSES.join(', ')}`);
  }
  const cursor = q.get('cursor');
  let limit = limitQ as number;
  let lastId: number | undefined;
  if (cursor !== null) {
    const c = decodeCursor(cursor);
    const id = c && (typeof c['lastId'] === 'string' || typeof c['lastId'] === 'number') ? Number(c['lastId']) : NaN;
    if (!c || !Number.isFinite(id) || vendor?.take('invalid-cursor', url)) return fail(400, 'An invalid cursor was provided');
    lastId = id;
    if (typeof c['limit'] === 'number' && Number.isInteger(c['limit']) && c['limit'] >= 1) limit = c['limit'];
  }
  const { items, remaining } = state.listExecutions({
    limit, lastId, status, workflowId: q.get('workflowId') ?? undefined,
    startedAfter: after as number | undefined, startedBefore: before as number | undefined,
  });
  const data = items.map((e) => (includeData ? listItemWithData(e, state.workflows.get(e.workflowId)!) : listItem(e)));
  if (vendor?.take('reorder-page', url)) data.reverse();
  const last = items.at(-1);
  return new Reply(200, { data, nextCursor: remaining > 0 && last ? b64({ lastId: String(last.id), limit }) : null });
}

function listWorkflows(state: N8nState, q: URLSearchParams): Reply {
  const bad = checkParams(q, WORKFLOW_PARAMS);
  if (bad) return bad;
  const active = bool(q, 'active');
  const limitQ = limitOf(q);
  for (const v of [active, limitQ, bool(q, 'excludePinnedData')]) if (v instanceof Reply) return v;
  let offset = 0;
  let limit = limitQ as number;
  const cursor = q.get('cursor');
  if (cursor !== null) {
    const c = decodeCursor(cursor);
    if (!c || !Number.isInteger(c['offset']) || !Number.isInteger(c['limit'])) return fail(400, 'An invalid cursor was provided');
    offset = c['offset'] as number;
    limit = c['limit'] as number;
  }
  const tags = q.get('tags')?.split(',').map((t) => t.trim()).filter(Boolean);
  const { items, total } = state.listWorkflows({ offset, limit, active: active as boolean | undefined, tags, name: q.get('name') ?? undefined });
  const data = q.get('excludePinnedData') === 'true' ? items.map(({ pinData: _pin, ...w }) => w) : items;
  return new Reply(200, { data, nextCursor: total > offset + limit ? b64({ limit, offset: offset + limit }) : null });
}

function route(state: N8nState, method: string, url: URL, body: unknown, vendor: VendorFaults | undefined): Reply {
  const parts = url.pathname.replace(/^\/api\/v1\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const q = url.searchParams;
  const [resource, id, action] = parts;
  if (resource === 'executions') {
    if (!id && method === 'GET') return listExecutions(state, q, vendor, url.pathname + url.search);
    const e = id && /^\d+$/.test(id) ? state.executions.get(Number(id)) : undefined;
    if (method === 'GET' && id && !action) {
      const includeData = bool(q, 'includeData');
      if (includeData instanceof Reply) return includeData;
      if (!e) return fail(404, 'Not Found');
      const recorded = includeData === true ? state.recorded.get(e.id) : undefined;
      if (recorded) {
        // A recorded answer's data, under this execution's own id, status and times.
        const base = executionBody(e, state.workflows.get(e.workflowId)!, false);
        return new Reply(200, { ...base, data: structuredClone(recorded['data']), customData: {}, workflowData: structuredClone(recorded['workflowData'] ?? null) });
      }
      return new Reply(200, executionBody(e, state.workflows.get(e.workflowId)!, includeData === true));
    }
    if (method === 'POST' && action === 'retry') {
      if (!body || typeof body !== 'object' || typeof (body as Json)['loadWorkflow'] !== 'boolean') {
        return fail(400, "request/body must have required property 'loadWorkflow'");
      }
      const r = state.retry(Number(id), (body as Json)['loadWorkflow'] === true);
      return r.ok ? new Reply(200, executionBody(r.execution, state.workflows.get(r.execution.workflowId)!, false)) : fail(r.status, r.message);
    }
    if (method === 'DELETE' && id && !action) {
      if (!e) return fail(404, 'Not Found');
      if (state.isActive(e)) return fail(400, 'Cannot delete a running execution');
      const answer = executionBody(e, state.workflows.get(e.workflowId)!, false);
      state.deleteExecution(e.id);
      return new Reply(200, answer);
    }
  }
  if (resource === 'workflows') {
    if (!id && method === 'GET') return listWorkflows(state, q);
    const w = id ? state.workflows.get(id) : undefined;
    if (!w) return fail(404, 'Not Found');
    if (method === 'GET' && !action) return new Reply(200, w);
    if (method === 'POST' && (action === 'activate' || action === 'deactivate')) return new Reply(200, state.setActive(w.id, action === 'activate'));
    if (method === 'PUT' && !action) {
      const b = (body && typeof body === 'object' ? body : {}) as Json;
      const missing = ['name', 'nodes', 'connections', 'settings'].find((k) => b[k] === undefined);
      if (missing) return fail(400, `request/body must have required property '${missing}'`);
      return new Reply(200, state.updateWorkflow(w.id, b as { name: string; nodes: unknown[]; connections: unknown; settings: unknown }));
    }
  }
  return fail(404, 'Not Found');
}

function send(req: IncomingMessage, res: ServerResponse, reply: Reply): number {
  const text = JSON.stringify(reply.body);
  const etag = `W/"${Buffer.byteLength(text).toString(16)}-${createHash('sha1').update(text).digest('base64').slice(0, 27)}"`;
  if (req.method === 'GET' && reply.status === 200 && req.headers['if-none-match'] === etag) {
    res.writeHead(304, { etag });
    res.end();
    return 304;
  }
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...(reply.status === 200 ? { etag } : {}) });
  res.end(text);
  return reply.status;
}

export function createN8nHandler(options: N8nHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { state, faults, vendor, log } = options;
  let lastListBody: unknown = null;
  return (req, res) => {
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    if (faults?.apply(req, res)) {
      log?.push({ method, url: rawUrl, status: 0 });
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(rawUrl, 'http://fake-n8n');
      let reply: Reply;
      if (!url.pathname.startsWith('/api/')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(EDITOR_PAGE);
        log?.push({ method, url: rawUrl, status: 200 });
        return;
      }
      const key = req.headers['x-n8n-api-key'];
      if (!state.keys.accept(typeof key === 'string' ? key : undefined)) {
        reply = fail(401, 'Unauthorized');
      } else if (method === 'GET' && url.pathname === '/api/v1/executions' && url.searchParams.has('cursor') && lastListBody && vendor?.take('duplicate-page', rawUrl)) {
        reply = new Reply(200, lastListBody);
      } else {
        let body: unknown;
        try {
          body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
        } catch {
          body = Symbol('invalid');
        }
        reply = typeof body === 'symbol' ? fail(400, 'Unexpected token in JSON body') : route(state, method, url, body, vendor);
        if (method === 'GET' && url.pathname === '/api/v1/executions' && reply.status === 200) lastListBody = reply.body;
      }
      // Answer first: `log?.push(...)` would skip evaluating its argument when there is no log.
      const status = send(req, res, reply);
      log?.push({ method, url: rawUrl, status });
    });
  };
}
