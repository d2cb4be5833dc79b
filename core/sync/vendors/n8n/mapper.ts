import type { RunStatus } from '../../../contract/runs.ts';
import type { IngestRecord } from '../../ingest/record.ts';
import type { WorkflowDefinition } from '../types.ts';

/**
 * n8n public API v1 payloads to our records. Facts: docs/vendors.md N2, N3 and the recorded n8n 2.41 responses
 * (test/fakes/n8n/fixtures). Pure functions; fields are read defensively because the payloads change between
 * n8n versions (ids arrive as strings or numbers; `status` is missing on very old builds).
 */
type Json = Record<string, unknown>;

/** Context every mapping needs: where deep links point and the names of workflows the list omits. */
export interface N8nMapContext {
  /** The n8n instance address, e.g. `https://n8n.example.com` (no `/api/v1`). */
  baseUrl: string;
  /** Workflow id → current name. Preferred over `workflowData.name` (a snapshot); needed for items without data. */
  workflowNames: ReadonlyMap<string, string>;
}

const STATUS: Record<string, RunStatus> = {
  new: 'queued',
  running: 'running',
  waiting: 'waiting',
  success: 'success',
  error: 'failed',
  crashed: 'failed',
  failed: 'failed',
  canceled: 'canceled',
  cancelled: 'canceled',
  unknown: 'unknown',
};

export function n8nStatus(raw: string): RunStatus {
  return STATUS[raw.trim().toLowerCase()] ?? 'unknown';
}

const obj = (v: unknown): Json | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** An n8n id (string, or number in older specs) as text; null when absent. */
export function idText(v: unknown): string | null {
  if (typeof v === 'string' && v.length > 0) return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** The user's instance address without trailing slashes or a pasted `/api/v1`. */
export function instanceUrl(url: string): string {
  return url.trim().replace(/\/+$/, '').replace(/\/api\/v1$/i, '').replace(/\/+$/, '');
}

/** Older builds have no `status`: derive the word from `finished`, `waitTill` and `stoppedAt`. */
function rawStatusOf(e: Json): string {
  const s = text(e['status']);
  if (s) return s;
  if (e['finished'] === true) return 'success';
  if (e['waitTill']) return 'waiting';
  return e['stoppedAt'] ? 'error' : 'running';
}

export interface N8nErrorDetail {
  message: string | null;
  failingStep: string | null;
}

/**
 * The error of a failed execution fetched with includeData: `data.resultData.error.message`, and the failing node
 * from `error.node.name`, else `resultData.lastNodeExecuted` (a Code node's error has no `node`; its message ends
 * in ` [line N]`, which is kept).
 */
export function errorDetail(execution: unknown): N8nErrorDetail {
  const resultData = obj(obj(obj(execution)?.['data'])?.['resultData']);
  const error = obj(resultData?.['error']);
  if (!error) return { message: null, failingStep: null };
  const message = text(error['message']) ?? text(error['description']) ?? text(error['name']);
  const failingStep = text(obj(error['node'])?.['name']) ?? text(resultData?.['lastNodeExecuted']);
  return { message, failingStep };
}

/** A list item (with or without includeData) or a `GET /executions/{id}` body → one ingest record. */
export function mapExecution(execution: unknown, ctx: N8nMapContext): IngestRecord {
  const e = obj(execution) ?? {};
  const id = idText(e['id']) ?? '';
  const workflowId = idText(e['workflowId']) ?? idText(obj(e['workflowData'])?.['id']) ?? '';
  // The lookup map holds the workflow's current name; `workflowData` is a snapshot from when the run started.
  const name = ctx.workflowNames.get(workflowId) ?? text(obj(e['workflowData'])?.['name']) ?? (workflowId ? `n8n workflow ${workflowId}` : '');
  const rawStatus = rawStatusOf(e);
  const status = n8nStatus(rawStatus);
  const { message, failingStep } = errorDetail(e);
  const base = instanceUrl(ctx.baseUrl);
  return {
    externalId: id,
    workflow: { externalId: workflowId, name },
    rawStatus,
    status,
    startedAt: text(e['startedAt']) ?? null,
    finishedAt: text(e['stoppedAt']) ?? null,
    errorMessage: message,
    failingStep: message !== null || status === 'failed' ? failingStep : null,
    mode: text(e['mode']),
    deepLink: id && workflowId ? `${base}/workflow/${encodeURIComponent(workflowId)}/executions/${encodeURIComponent(id)}` : null,
    retryOf: idText(e['retryOf']),
    retrySuccessId: idText(e['retrySuccessId']),
  };
}

/** The `data` array of a list response, or null when the body is not shaped like an n8n list. */
export function listItems(body: unknown): unknown[] | null {
  const b = obj(body);
  if (!b || !Array.isArray(b['data'])) return null;
  const next = b['nextCursor'];
  if (next !== null && next !== undefined && typeof next !== 'string') return null;
  return b['data'] as unknown[];
}

/**
 * Maps one `GET /executions` page (the bench's `n8n_map_records_per_s` unit: a 100-execution page).
 * Throws when the body is not an n8n list.
 */
export function mapExecutionPage(body: unknown, ctx: N8nMapContext): IngestRecord[] {
  const items = listItems(body);
  if (!items) throw new TypeError('Not an n8n executions page: expected { data: [...], nextCursor }');
  return items.map((item) => mapExecution(item, ctx));
}

const epoch = (v: unknown): number | null => {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? t : null;
};

/** A `GET /workflows` item (or `GET /workflows/{id}` body) → our workflow definition, with the full JSON kept. */
export function mapWorkflow(workflow: unknown, baseUrl: string): WorkflowDefinition {
  const w = obj(workflow) ?? {};
  const id = idText(w['id']) ?? '';
  const tags = Array.isArray(w['tags'])
    ? w['tags'].map((t) => text(obj(t)?.['name']) ?? text(t)).filter((t): t is string => t !== null)
    : [];
  return {
    externalId: id,
    name: text(w['name']) ?? `n8n workflow ${id}`,
    active: w['active'] === true,
    archived: w['isArchived'] === true,
    definition: workflow,
    vendorVersionId: text(w['versionId']),
    updatedAt: epoch(w['updatedAt']),
    tags,
    deepLink: id ? `${instanceUrl(baseUrl)}/workflow/${encodeURIComponent(id)}` : null,
  };
}
