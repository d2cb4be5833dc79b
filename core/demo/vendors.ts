import type { RunStatus } from '../contract/runs.ts';
import { statusFromRaw } from '../sync/ingest/normalize.ts';
import type { IngestRecord } from '../sync/ingest/record.ts';
import type { VendorKind } from './errors.ts';

/** How a simulated run ended (or where it is), before it is put in a vendor's words. */
export type Outcome = 'success' | 'warning' | 'failed' | 'crashed' | 'canceled' | 'skipped' | 'running' | 'waiting' | 'queued';

const OUTCOME_STATUS: Record<Outcome, RunStatus> = {
  success: 'success', warning: 'warning', failed: 'failed', crashed: 'failed', canceled: 'canceled', skipped: 'skipped',
  running: 'running', waiting: 'waiting', queued: 'queued',
};

/** Each vendor's own status words. Make's numeric status (1/2/3) arrives already mapped to its word. */
const RAW: Record<VendorKind, Record<Outcome, string>> = {
  n8n: { success: 'success', warning: 'success', failed: 'error', crashed: 'crashed', canceled: 'canceled', skipped: 'success', running: 'running', waiting: 'waiting', queued: 'new' },
  make: { success: 'success', warning: 'warning', failed: 'error', crashed: 'error', canceled: 'stopped', skipped: 'skipped', running: 'running', waiting: 'waiting', queued: 'queued' },
  zapier: { success: 'success', warning: 'success', failed: 'error', crashed: 'error', canceled: 'stopped', skipped: 'filtered', running: 'playing', waiting: 'delayed', queued: 'scheduled' },
  github: {
    success: 'completed/success', warning: 'completed/neutral', failed: 'completed/failure', crashed: 'completed/startup_failure',
    canceled: 'completed/cancelled', skipped: 'completed/skipped', running: 'in_progress', waiting: 'waiting', queued: 'queued',
  },
};

export interface VendorStatus {
  raw: string;
  status: RunStatus;
  /** Set only where the normaliser would not read `raw` as `status` (e.g. GitHub's "completed/failure"). */
  explicit: RunStatus | undefined;
}

/** Raw word and normalised status per vendor and outcome, computed once. */
export const VENDOR_STATUS: Record<VendorKind, Record<Outcome, VendorStatus>> = (() => {
  const table = {} as Record<VendorKind, Record<Outcome, VendorStatus>>;
  for (const vendor of Object.keys(RAW) as VendorKind[]) {
    table[vendor] = {} as Record<Outcome, VendorStatus>;
    for (const outcome of Object.keys(OUTCOME_STATUS) as Outcome[]) {
      const raw = RAW[vendor][outcome];
      const status = OUTCOME_STATUS[outcome];
      table[vendor][outcome] = { raw, status, explicit: statusFromRaw(raw) === status ? undefined : status };
    }
  }
  return table;
})();

export type Cause = 'schedule' | 'event' | 'manual' | 'retry';

const MODES: Record<VendorKind, Record<Cause, string>> = {
  n8n: { schedule: 'trigger', event: 'webhook', manual: 'manual', retry: 'retry' },
  make: { schedule: 'scheduled', event: 'instant', manual: 'manual', retry: 'manual' },
  zapier: { schedule: 'polling', event: 'instant', manual: 'manual', retry: 'replay' },
  github: { schedule: 'schedule', event: 'push', manual: 'workflow_dispatch', retry: 're-run' },
};

export function modeFor(vendor: VendorKind, cause: Cause): string {
  return MODES[vendor][cause];
}

/** Where the vendor shows one execution, up to (not including) the run id, which always comes last. */
export function deepLinkPrefix(vendor: VendorKind, baseUrl: string, workflowId: string, repo = 'web'): string {
  switch (vendor) {
    case 'n8n': return `${baseUrl}/workflow/${workflowId}/executions/`;
    case 'make': return `${baseUrl}/118204/scenarios/${workflowId}/logs/`;
    case 'zapier': return `${baseUrl}/app/history?zap_id=${workflowId}&root_id=`;
    case 'github': return `${baseUrl}/${repo}/actions/runs/`;
  }
}

/** Execution ids as each vendor hands them out: increasing, and shaped like the real ones. */
export function runIdSource(vendor: VendorKind, salt: number): () => string {
  let n = 0;
  switch (vendor) {
    case 'n8n': {
      const base = 18_000 + (salt % 1000);
      return () => String(base + n++);
    }
    case 'make': {
      const prefix = ((salt >>> 0).toString(16).padStart(8, '0') + 'a3f19c0e72b4d5e6').slice(0, 24);
      return () => prefix + (n++).toString(16).padStart(8, '0');
    }
    case 'zapier': {
      const base = 38_000_000_000 + (salt % 100_000) * 1000;
      return () => String(base + 7 * n++);
    }
    case 'github': {
      const base = 11_800_000_000 + (salt % 100_000) * 1000;
      return () => String(base + 13 * n++);
    }
  }
}

export interface RunParts {
  runId: string;
  workflow: { externalId: string; name: string };
  outcome: Outcome;
  startedAt: number;
  /** Null while the run has not finished. */
  durationMs: number | null;
  errorMessage?: string | undefined;
  failingStep?: string | undefined;
  mode: string;
  deepLink: string;
  retryOf?: string | undefined;
  retrySuccessId?: string | undefined;
  itemCount?: number | undefined;
}

/** A simulated run as the vendor's connector would hand it to ingest (ISO times, vendor words). */
export function toRecord(vendor: VendorKind, p: RunParts): IngestRecord {
  const vs = VENDOR_STATUS[vendor][p.outcome];
  const record: IngestRecord = {
    externalId: p.runId,
    workflow: p.workflow,
    rawStatus: vs.raw,
    startedAt: new Date(p.startedAt).toISOString(),
    mode: p.mode,
    deepLink: p.deepLink,
  };
  if (vs.explicit) record.status = vs.explicit;
  if (p.durationMs != null) {
    record.finishedAt = new Date(p.startedAt + p.durationMs).toISOString();
    record.durationMs = p.durationMs;
  }
  if (p.errorMessage) record.errorMessage = p.errorMessage;
  if (p.failingStep) record.failingStep = p.failingStep;
  if (p.retryOf) record.retryOf = p.retryOf;
  if (p.retrySuccessId) record.retrySuccessId = p.retrySuccessId;
  if (p.itemCount != null) record.itemCount = p.itemCount;
  return record;
}
