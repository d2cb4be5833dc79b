import type { RunStatus } from '../../../contract/runs.ts';
import type { IngestRecord } from '../../ingest/record.ts';
import type { WorkflowDefinition } from '../types.ts';
import type { GithubJob } from './job.ts';
import { githubRunUsage } from './usage.ts';

/**
 * GitHub Actions REST payloads to our records. Facts: docs/vendors.md G8, G9. Pure: no IO, no clock.
 * Every attempt of a run is its own execution: `owner/repo:runId` for attempt 1, `owner/repo:runId:n` for a
 * re-run's attempt n (which names the attempt before it as `retryOf`).
 */
export interface GithubRun {
  id: number;
  name?: string | null;
  display_title?: string | null;
  workflow_id: number;
  path?: string | null;
  run_number?: number;
  run_attempt?: number | null;
  event?: string | null;
  status: string | null;
  conclusion: string | null;
  head_branch?: string | null;
  head_sha?: string | null;
  html_url?: string | null;
  created_at: string;
  updated_at: string;
  run_started_at?: string | null;
}

export type { GithubJob } from './job.ts';

export interface GithubWorkflow {
  id: number;
  name: string;
  path: string;
  state: string;
  created_at?: string | null;
  updated_at?: string | null;
  html_url?: string | null;
  badge_url?: string | null;
}

/** A workflow file as `GET /repos/{o}/{r}/contents/{path}` returns it. */
export interface GithubContent {
  sha?: string;
  encoding?: string;
  content?: string;
}

const CONCLUSIONS: Record<string, RunStatus> = {
  success: 'success', neutral: 'warning', failure: 'failed', timed_out: 'failed', startup_failure: 'failed',
  cancelled: 'canceled', skipped: 'skipped', stale: 'skipped', action_required: 'waiting',
};
const STATUSES: Record<string, RunStatus> = {
  queued: 'queued', requested: 'queued', pending: 'queued', waiting: 'waiting', in_progress: 'running',
};

/** GitHub's status + conclusion pair, normalised per docs/vendors.md G8. */
export function githubRunStatus(status: string | null, conclusion: string | null): RunStatus {
  if (conclusion) return CONCLUSIONS[conclusion] ?? 'unknown';
  if (status === 'completed') return 'unknown';
  return (status ? STATUSES[status] : undefined) ?? 'unknown';
}

/** The raw words kept verbatim: `completed/failure`, or just the status while there is no conclusion. */
export function githubRawStatus(status: string | null, conclusion: string | null): string {
  const s = status ?? 'unknown';
  return conclusion ? `${s}/${conclusion}` : s;
}

export function githubRunId(repo: string, runId: number, attempt: number): string {
  return attempt > 1 ? `${repo}:${runId}:${attempt}` : `${repo}:${runId}`;
}

export function parseGithubRunId(externalId: string): { repo: string; runId: number; attempt: number } | null {
  const m = /^([\w.-]+\/[\w.-]+):(\d+)(?::(\d+))?$/.exec(externalId);
  return m ? { repo: m[1]!, runId: Number(m[2]), attempt: m[3] ? Number(m[3]) : 1 } : null;
}

export function githubWorkflowId(repo: string, workflowId: number): string {
  return `${repo}:${workflowId}`;
}

export function parseGithubWorkflowId(externalId: string): { repo: string; workflowId: number } | null {
  const m = /^([\w.-]+\/[\w.-]+):(\d+)$/.exec(externalId);
  return m ? { repo: m[1]!, workflowId: Number(m[2]) } : null;
}

export function workflowLabel(repo: string, name: string | null | undefined, workflowId: number): string {
  return `${name?.trim() || `Workflow ${workflowId}`} (${repo})`;
}

/** The first failed job and its first failed step: `build › Run tests`. */
export function failingStepOf(jobs: GithubJob[] | null | undefined): { job: string; step: string | null } | null {
  const job = jobs?.find((j) => j.conclusion === 'failure' || j.conclusion === 'timed_out' || j.conclusion === 'startup_failure');
  if (!job) return null;
  const step = job.steps?.find((s) => s.conclusion === 'failure' || s.conclusion === 'timed_out');
  return { job: job.name, step: step?.name ?? null };
}

function errorText(conclusion: string | null, failing: { job: string; step: string | null } | null): string | null {
  if (failing) {
    const how = conclusion === 'timed_out' ? 'timed out' : 'failed';
    return failing.step ? `Job "${failing.job}" ${how} at step "${failing.step}".` : `Job "${failing.job}" ${how}.`;
  }
  if (conclusion === 'timed_out') return 'The workflow run timed out.';
  if (conclusion === 'startup_failure') return 'The workflow run failed to start: the workflow file may be invalid.';
  return null;
}

const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : NaN);

/**
 * A workflow run (at one attempt) to an ingest record. Times: start = `run_started_at` (reset on re-run),
 * finish = `updated_at` once completed. Failures carry the failing job and step when `jobs` were fetched.
 */
export function mapGithubRun(run: GithubRun, repo: string, jobs?: GithubJob[] | null): IngestRecord {
  const attempt = run.run_attempt && run.run_attempt > 0 ? run.run_attempt : 1;
  const status = githubRunStatus(run.status, run.conclusion);
  const completed = run.status === 'completed';
  const started = ms(run.run_started_at) || ms(run.created_at);
  const updated = ms(run.updated_at);
  const failing = status === 'failed' ? failingStepOf(jobs) : null;
  const link = run.html_url ? (attempt > 1 && !/\/attempts\/\d+$/.test(run.html_url) ? `${run.html_url}/attempts/${attempt}` : run.html_url) : null;
  return {
    externalId: githubRunId(repo, run.id, attempt),
    workflow: { externalId: githubWorkflowId(repo, run.workflow_id), name: workflowLabel(repo, run.name, run.workflow_id) },
    rawStatus: githubRawStatus(run.status, run.conclusion),
    status,
    startedAt: run.run_started_at || run.created_at,
    finishedAt: completed && Number.isFinite(updated) ? Math.max(updated, Number.isFinite(started) ? started : updated) : null,
    durationMs: completed && Number.isFinite(updated) && Number.isFinite(started) ? Math.max(0, updated - started) : null,
    errorMessage: status === 'failed' ? errorText(run.conclusion, failing) : null,
    failingStep: failing ? (failing.step ? `${failing.job} › ${failing.step}` : failing.job).slice(0, 500) : null,
    mode: run.event ?? null,
    deepLink: link,
    retryOf: attempt > 1 ? githubRunId(repo, run.id, attempt - 1) : null,
    usage: completed ? githubRunUsage(jobs) : null,
  };
}

/** Decodes a contents answer's base64 text (null when absent or not base64). */
export function decodeContent(content: GithubContent | null | undefined): string | null {
  if (!content?.content || (content.encoding && content.encoding !== 'base64')) return null;
  return Buffer.from(content.content.replace(/\s+/g, ''), 'base64').toString('utf8');
}

/** A workflow (and, when fetched, its YAML file) to a versioned definition. */
export function mapGithubWorkflow(wf: GithubWorkflow, repo: string, content?: GithubContent | null): WorkflowDefinition {
  const updated = ms(wf.updated_at);
  return {
    externalId: githubWorkflowId(repo, wf.id),
    name: workflowLabel(repo, wf.name, wf.id),
    active: wf.state === 'active',
    archived: wf.state === 'deleted',
    definition: {
      repository: repo, id: wf.id, name: wf.name, path: wf.path, state: wf.state,
      createdAt: wf.created_at ?? null, updatedAt: wf.updated_at ?? null, yaml: decodeContent(content), fileSha: content?.sha ?? null,
    },
    vendorVersionId: content?.sha ?? wf.updated_at ?? null,
    updatedAt: Number.isFinite(updated) ? updated : null,
    tags: [repo],
    deepLink: wf.html_url ?? null,
  };
}
