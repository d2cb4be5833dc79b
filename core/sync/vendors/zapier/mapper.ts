import type { RunStatus } from '../../../contract/runs.ts';
import type { IngestRecord, RunUsage } from '../../ingest/record.ts';
import type { WorkflowDefinition } from '../types.ts';
import { zapKey } from './ids.ts';

/**
 * Zapier Workflow API payloads (GET /v2/zap-runs, GET /v2/zaps) to our records. Facts: docs/vendors.md Z4, Z10, Z11.
 * Fields are read defensively: the API is tagged "Experimental" and several details are unconfirmed.
 */
export interface ZapRun {
  id: string;
  zap_id: number | string;
  start_time: string | null;
  end_time: string | null;
  status: string;
  zap_title: string | null;
  steps: { status: string | null; start_time: string | null }[] | null;
  data_in?: unknown;
  data_out?: unknown;
}

export interface Zap {
  type?: string;
  id: string | number;
  is_enabled: boolean;
  last_successful_run_date?: string | null;
  updated_at?: string | null;
  title: string | null;
  links?: { html_editor?: string | null } | null;
  steps?: unknown[];
}

/** A list response: `{ links, meta, data }`, which the docs' example also shows wrapped in a one-element array. */
export interface ZapierPage<T> {
  links: { next: string | null; prev: string | null };
  meta: { count: number | null; limit: number | null; offset: number | null };
  data: T[];
}

/** Every status in the API's `statuses` enum, mapped per docs/vendors.md Z10; anything else is `unknown`. */
export const ZAP_RUN_STATUSES: Record<string, RunStatus> = {
  success: 'success',
  error_handled: 'warning',
  error: 'failed',
  // Held until the owner acts (disconnected app, task limit, payment, flood protection): it must alert (docs/vendors.md Z6).
  held: 'failed',
  // Stopped on purpose: a filter or search found nothing (docs/vendors.md Z7).
  halted: 'skipped',
  filtered: 'skipped',
  skipped: 'skipped',
  delayed: 'waiting',
  scheduled: 'queued',
  pending: 'queued',
  throttled: 'queued',
  // "playing" appears in Zapier's help text, not in the API enum (UNCONFIRMED).
  playing: 'running',
};

export function zapRunStatus(raw: string): RunStatus {
  return ZAP_RUN_STATUSES[raw.trim().toLowerCase()] ?? 'unknown';
}

const FAILED_STEP = new Set(['error', 'held', 'error_handled']);

/** What a held run needs, in the owner's words (docs/vendors.md Z6). */
export const HELD_MESSAGE = 'Zapier is holding this run until the Zap’s owner acts (a disconnected app, the task limit, a payment '
  + 'problem or flood protection). Fix it in Zapier, then replay the run there.';
const MAX_ERROR = 2000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The best error text a run carries: Zapier has no error field, so look in `data_out` for a message. */
function errorText(run: ZapRun, status: RunStatus, failingStep: string | null): string | null {
  if (status !== 'failed' && status !== 'warning') return null;
  const out = run.data_out;
  let text: string | null = null;
  if (typeof out === 'string' && out.trim()) text = out.trim();
  else if (isRecord(out)) {
    const candidate = out['error'] ?? out['message'] ?? out['detail'];
    if (typeof candidate === 'string' && candidate.trim()) text = candidate.trim();
    else if (isRecord(candidate) && typeof candidate['message'] === 'string') text = candidate['message'];
  }
  if (run.status.trim().toLowerCase() === 'held') return (text ? `${HELD_MESSAGE} Zapier says: ${text}` : HELD_MESSAGE).slice(0, MAX_ERROR);
  if (text) return text.slice(0, MAX_ERROR);
  return `Zapier reported the run as "${run.status}"${failingStep ? ` at ${failingStep}` : ''}.`;
}

/** "Step 3" for the first step that errored or halted (Zapier numbers steps from 1, the trigger). */
function failingStepOf(run: ZapRun): string | null {
  const steps = run.steps ?? [];
  const index = steps.findIndex((s) => s.status !== null && FAILED_STEP.has(s.status.toLowerCase()));
  return index < 0 ? null : `Step ${index + 1}`;
}

export interface MapOptions {
  /** Zapier's web app, for deep links. */
  webBaseUrl: string;
  /** A Zap's id (UUID-shaped, integer or numeric text) to the one key Flowdeck stores it under (default: `zapKey`). */
  zapKey?: (raw: string | number) => string;
}

const keyOf = (raw: string | number, options: MapOptions) => (options.zapKey ? options.zapKey(raw) : zapKey(raw).key);

export const DEFAULT_WEB_BASE_URL = 'https://zapier.com';

/** Zap history filtered to the run's Zap (a per-run history URL is not documented; UNCONFIRMED). */
export function zapHistoryLink(zapId: string, options: MapOptions): string {
  return `${options.webBaseUrl.replace(/\/+$/, '')}/app/history?zap_id=${encodeURIComponent(zapId)}`;
}

export function mapZapRun(run: ZapRun, options: MapOptions = { webBaseUrl: DEFAULT_WEB_BASE_URL }): IngestRecord {
  const zapId = keyOf(run.zap_id, options);
  const status = zapRunStatus(run.status);
  const failingStep = status === 'failed' || status === 'warning' ? failingStepOf(run) : null;
  return {
    externalId: run.id,
    workflow: { externalId: zapId, name: run.zap_title?.trim() || `Zap ${zapId}` },
    rawStatus: run.status || 'unknown',
    status,
    startedAt: run.start_time,
    finishedAt: run.end_time,
    errorMessage: errorText(run, status, failingStep),
    failingStep,
    deepLink: zapHistoryLink(zapId, options),
    usage: zapRunTasks(run, status),
  };
}

/**
 * Tasks a settled Zap run probably used, estimated from its steps (docs/vendors.md Z12): Zapier counts one task per
 * action step that succeeded and none for the trigger (step 1); the run itself carries no task count. Filters, paths
 * and Formatter steps are free in Zapier but look the same here, so the figure can be a little high.
 */
export function zapRunTasks(run: Pick<ZapRun, 'steps'>, status: RunStatus): RunUsage | null {
  if (status === 'queued' || status === 'running' || status === 'waiting' || status === 'unknown') return null;
  const actions = (run.steps ?? []).slice(1);
  return { units: actions.filter((s) => s?.status?.toLowerCase() === 'success').length, exact: false };
}

/** The external id is the integer key (docs/vendors.md Z5); the definition keeps the id as Zapier listed it. */
export function mapZap(zap: Zap, options: MapOptions = { webBaseUrl: DEFAULT_WEB_BASE_URL }): WorkflowDefinition {
  const id = keyOf(zap.id, options);
  const updatedAt = zap.updated_at ? Date.parse(zap.updated_at) : NaN;
  return {
    externalId: id,
    name: zap.title?.trim() || `Zap ${id}`,
    active: zap.is_enabled === true,
    archived: false,
    definition: zap,
    vendorVersionId: zap.updated_at ?? null,
    updatedAt: Number.isFinite(updatedAt) ? updatedAt : null,
    tags: [],
    deepLink: zap.links?.html_editor ?? null,
  };
}

/** Terminal means Zapier will not change the run any more (docs/vendors.md Z10). */
export function isSettled(raw: string): boolean {
  const s = zapRunStatus(raw);
  return s !== 'queued' && s !== 'running' && s !== 'waiting' && s !== 'unknown';
}
