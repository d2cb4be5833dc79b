import { createHash } from 'node:crypto';
import { TERMINAL_STATUSES, type RunStatus } from '../../contract/runs.ts';
import type { IngestRecord } from './record.ts';

/**
 * Vendor status words seen across n8n, Make, Zapier, GitHub Actions and heartbeats. Zapier's `held` needs the owner
 * (a failure), its `halted` is a Zap that stopped on purpose (docs/vendors.md Z6, Z7).
 */
const STATUS_WORDS: Record<string, RunStatus> = {
  success: 'success', succeeded: 'success', successful: 'success', ok: 'success', completed: 'success', done: 'success',
  warning: 'warning', partial: 'warning', incomplete: 'warning',
  error: 'failed', failed: 'failed', failure: 'failed', crashed: 'failed', timed_out: 'failed', startup_failure: 'failed', held: 'failed',
  canceled: 'canceled', cancelled: 'canceled', stopped: 'canceled',
  skipped: 'skipped', neutral: 'skipped', filtered: 'skipped', halted: 'skipped',
  queued: 'queued', new: 'queued', pending: 'queued', requested: 'queued', scheduled: 'queued',
  running: 'running', in_progress: 'running', started: 'running', processing: 'running',
  waiting: 'waiting', action_required: 'waiting', delayed: 'waiting',
  missed: 'missed',
  unknown: 'unknown',
};

export function statusFromRaw(raw: string): RunStatus {
  return STATUS_WORDS[raw.trim().toLowerCase().replace(/[\s-]+/g, '_')] ?? 'unknown';
}

const TERMINAL = new Set<RunStatus>(TERMINAL_STATUSES);
export function isTerminal(status: RunStatus): boolean {
  return TERMINAL.has(status);
}

/** Lifecycle order: a record never moves a run to a lower rank. */
export function statusRank(status: RunStatus): number {
  if (status === 'unknown') return 0;
  if (status === 'queued') return 1;
  if (status === 'running' || status === 'waiting') return 2;
  return 3;
}

export class NormaliseError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

const ISO_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;
const EARLIEST = Date.UTC(2000, 0, 1);

/** ISO text or epoch (seconds or milliseconds) to UTC epoch ms. Zone-less ISO text is read as UTC. */
export function toUtcMs(value: string | number, field: string): number {
  let ms: number;
  if (typeof value === 'number') {
    ms = value < 1e11 ? value * 1000 : value;
  } else {
    const text = value.trim();
    if (/^\d+$/.test(text)) return toUtcMs(Number(text), field);
    ms = Date.parse(ISO_ZONE.test(text) || !/\dT\d/.test(text) ? text : `${text}Z`);
  }
  if (!Number.isFinite(ms)) throw new NormaliseError(field, `${field} is not a valid date/time: ${JSON.stringify(value)}`);
  ms = Math.round(ms);
  if (ms < EARLIEST) throw new NormaliseError(field, `${field} is before the year 2000: ${JSON.stringify(value)}`);
  return ms;
}

const VOLATILE: [RegExp, string][] = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>'],
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?/g, '<time>'],
  [/\b[\w.+-]+@[\w-]+\.[\w.-]+\b/g, '<email>'],
  [/\b(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/gi, '<id>'],
  [/\b(?=\w*\d)[A-Za-z0-9_-]{16,}\b/g, '<id>'],
  [/"(?=[^"]*\d)[^"]{1,80}"|'(?=[^']*\d)[^']{1,80}'/g, '<value>'],
  [/\d+(\.\d+)?/g, '<n>'],
  [/\s+/g, ' '],
];

/** The message with ids, numbers, times and quoted values blanked: what makes two errors "the same". */
export function errorTemplate(message: string): string {
  let t = message.slice(0, 2000);
  for (const [pattern, replacement] of VOLATILE) t = t.replace(pattern, replacement);
  return t.trim().slice(0, 500);
}

export function fingerprintOf(template: string): string {
  return createHash('sha1').update(template).digest('hex').slice(0, 16);
}

import type { RunRow } from '../../store/run-row.ts';

export type { RunRow };

/** A normalised record: like a row, but the start time is null when the vendor did not give one. */
export interface NormalisedRun extends Omit<RunRow, 'startedAt'> {
  startedAt: number | null;
  externalId: string;
  workflowExternalId: string;
  workflowName: string;
  errorTemplate: string | null;
}

/** Validated record to stored shape (ingest uses the time it first saw a run when no start time is given). */
export function normalise(record: IngestRecord): NormalisedRun {
  const status = record.status ?? statusFromRaw(record.rawStatus);
  const startedAt = record.startedAt != null ? toUtcMs(record.startedAt, 'startedAt') : null;
  const finishedAt = record.finishedAt != null ? toUtcMs(record.finishedAt, 'finishedAt') : null;
  if (finishedAt != null && startedAt != null && finishedAt < startedAt) {
    throw new NormaliseError('finishedAt', `finishedAt (${new Date(finishedAt).toISOString()}) is before startedAt (${new Date(startedAt).toISOString()})`);
  }
  const durationMs = record.durationMs != null ? Math.round(record.durationMs)
    : finishedAt != null && startedAt != null ? finishedAt - startedAt : null;
  const errorMessage = record.errorMessage?.trim() ? record.errorMessage.trim() : null;
  const template = errorMessage ? errorTemplate(errorMessage) : null;
  return {
    externalId: record.externalId,
    workflowExternalId: record.workflow.externalId,
    workflowName: record.workflow.name,
    status,
    rawStatus: record.rawStatus,
    startedAt,
    finishedAt,
    durationMs,
    errorMessage,
    errorTemplate: template,
    errorFingerprint: template ? fingerprintOf(template) : null,
    failingStep: record.failingStep ?? null,
    mode: record.mode ?? null,
    deepLink: record.deepLink ?? null,
    retryOf: record.retryOf ?? null,
    retrySuccessId: record.retrySuccessId ?? null,
    itemCount: record.itemCount ?? null,
  };
}
