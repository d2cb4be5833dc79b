import type { RunStatus } from '../../../contract/runs.ts';
import type { IngestRecord } from '../../ingest/record.ts';
import type { WorkflowDefinition } from '../types.ts';

/**
 * Activepieces payloads to our records (docs/vendors.md A5–A7, A12). Pure functions. Fields are read defensively because
 * they moved between versions: a run's flow name is `flowDisplayName` or `flowVersion.displayName`, its failed step
 * `failedStepName` or `failedStep: { name, displayName }`, and `startTime` is missing while a run is queued.
 */
type Json = Record<string, unknown>;

/** docs/vendors.md A5: each status word and what it means to us; anything else is unknown. */
export const AP_RUN_STATUSES: Readonly<Record<string, RunStatus>> = {
  QUEUED: 'queued',
  RUNNING: 'running',
  PAUSED: 'waiting',
  SUCCEEDED: 'success',
  STOPPED: 'success',
  FAILED: 'failed',
  INTERNAL_ERROR: 'failed',
  TIMEOUT: 'failed',
  QUOTA_EXCEEDED: 'failed',
  MEMORY_LIMIT_EXCEEDED: 'failed',
  LOG_SIZE_EXCEEDED: 'failed',
  CANCELED: 'canceled',
};

export function apRunStatus(raw: string): RunStatus {
  return AP_RUN_STATUSES[raw.trim().toUpperCase()] ?? 'unknown';
}

/** What a failure word says by itself (A5); a plain FAILED says it through its failed step's output instead (A6). */
const FAILURE_WORDS: Readonly<Record<string, string>> = {
  INTERNAL_ERROR: 'Activepieces hit an internal error while running the flow.',
  TIMEOUT: 'Activepieces stopped the run: it took longer than the flow time limit.',
  QUOTA_EXCEEDED: 'Activepieces did not finish the run: the project has used up its task quota.',
  MEMORY_LIMIT_EXCEEDED: 'Activepieces stopped the run: it used more memory than allowed.',
  LOG_SIZE_EXCEEDED: 'Activepieces stopped the run: its logs grew larger than allowed.',
};

/** A plain FAILED run names its error only in the step output of `GET /v1/flow-runs/{id}` (A6). */
export function needsDetail(raw: string): boolean {
  return raw.trim().toUpperCase() === 'FAILED';
}

export interface ApMapContext {
  /** The instance's web address, e.g. `https://cloud.activepieces.com` (no `/api/v1`). */
  instanceUrl: string;
  projectId: string;
  /** Flow id → current name (from the flow list); preferred over the name a run carries. */
  flowNames: ReadonlyMap<string, string>;
}

const obj = (v: unknown): Json | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim().length > 0 ? v : null);
const MAX_ERROR = 2000;

export function createdMs(run: unknown): number | null {
  const t = Date.parse(text(obj(run)?.['created']) ?? '');
  return Number.isFinite(t) ? t : null;
}

/** The message a step's `errorMessage` carries: text, or an object with a `message`, else its JSON. */
function messageOf(error: unknown): string | null {
  if (typeof error === 'string') return text(error);
  const o = obj(error);
  if (!o) return null;
  const inner = text(o['message']) ?? text(obj(o['error'])?.['message']);
  return inner ?? JSON.stringify(o);
}

const failedWithError = (step: Json | null): step is Json => step?.['status'] === 'FAILED' && step['errorMessage'] !== undefined;

/** The failed output of the step named `name`, looking into loop iterations too (bounded depth). */
function findFailed(steps: Json | null, name: string, depth = 0): Json | null {
  if (!steps || depth > 4) return null;
  const hit = obj(steps[name]);
  if (failedWithError(hit)) return hit;
  for (const step of Object.values(steps)) {
    const iterations = obj(obj(step)?.['output'])?.['iterations'];
    if (!Array.isArray(iterations)) continue;
    for (const it of iterations) {
      const found = findFailed(obj(it), name, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

function failedStepOf(run: Json): { name: string | null; label: string | null } {
  const step = obj(run['failedStep']);
  const name = text(step?.['name']) ?? text(run['failedStepName']);
  return { name, label: text(step?.['displayName']) ?? name };
}

/** The error text of a failed run fetched with its steps (A6), or null when its steps hold none. */
export function stepError(run: unknown): string | null {
  const r = obj(run) ?? {};
  const steps = obj(r['steps']);
  const { name } = failedStepOf(r);
  const named = name ? findFailed(steps, name) : null;
  const failed = named ?? Object.values(steps ?? {}).map(obj).find(failedWithError) ?? null;
  const message = messageOf(failed?.['errorMessage']);
  return message ? message.slice(0, MAX_ERROR) : null;
}

/**
 * A run from the list (no steps) or from `GET /v1/flow-runs/{id}` (`withSteps`) → one ingest record. A plain FAILED
 * run from the list has no error text yet; the driver fetches it (a finished run's empty fields may still be filled).
 */
export function mapRun(run: unknown, ctx: ApMapContext, withSteps = false): IngestRecord {
  const r = obj(run) ?? {};
  const id = text(r['id']) ?? '';
  const flowId = text(r['flowId']) ?? '';
  const name = ctx.flowNames.get(flowId) ?? text(obj(r['flowVersion'])?.['displayName']) ?? text(r['flowDisplayName'])
    ?? (flowId ? `Activepieces flow ${flowId}` : '');
  const rawStatus = text(r['status']) ?? 'UNKNOWN';
  const status = apRunStatus(rawStatus);
  const failing = status === 'failed' ? failedStepOf(r).label : null;
  const word = FAILURE_WORDS[rawStatus.trim().toUpperCase()] ?? null;
  const fromSteps = withSteps ? stepError(r) : null;
  const fallback = withSteps && status === 'failed' ? `Activepieces reported the run as ${rawStatus}${failing ? ` at ${failing}` : ''}.` : null;
  return {
    externalId: id,
    workflow: { externalId: flowId, name },
    rawStatus,
    status,
    // A queued run has no startTime yet (A6): it counts from when it was created.
    startedAt: text(r['startTime']) ?? text(r['created']),
    finishedAt: text(r['finishTime']),
    errorMessage: status === 'failed' ? (fromSteps ?? word ?? fallback) : null,
    failingStep: failing,
    // A12: the web app's run page.
    deepLink: id ? `${ctx.instanceUrl}/projects/${encodeURIComponent(ctx.projectId)}/runs/${encodeURIComponent(id)}` : null,
  };
}

const epoch = (v: unknown): number | null => {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? t : null;
};

/**
 * A `GET /v1/flows` item → our workflow (A7). Its definition is the flow without `status` and `updated`, which move
 * when it is switched on or off: a version in Flowdeck's history is a change to the flow itself.
 */
export function mapFlow(flow: unknown, ctx: ApMapContext): WorkflowDefinition {
  const f = obj(flow) ?? {};
  const id = text(f['id']) ?? '';
  const version = obj(f['version']);
  const { status, updated, ...definition } = f;
  return {
    externalId: id,
    name: text(version?.['displayName']) ?? `Activepieces flow ${id}`,
    active: status === 'ENABLED',
    archived: false,
    definition,
    vendorVersionId: text(version?.['id']),
    updatedAt: epoch(version?.['updated']) ?? epoch(updated),
    tags: [],
    deepLink: id ? `${ctx.instanceUrl}/projects/${encodeURIComponent(ctx.projectId)}/flows/${encodeURIComponent(id)}` : null,
  };
}
