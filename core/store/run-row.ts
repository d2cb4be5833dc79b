import type { RunStatus } from '../contract/runs.ts';

/** A run as stored, one field per column. */
export interface RunRow {
  status: RunStatus;
  rawStatus: string;
  startedAt: number;
  finishedAt: number | null;
  durationMs: number | null;
  errorMessage: string | null;
  errorFingerprint: string | null;
  failingStep: string | null;
  mode: string | null;
  deepLink: string | null;
  retryOf: string | null;
  retrySuccessId: string | null;
  itemCount: number | null;
}
