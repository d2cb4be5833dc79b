import type { StepData } from '../../../contract/runs.ts';
import { HttpFailure } from '../../../platform/http/types.ts';
import { listIn, parseLinks, repoPath, type GithubApi } from './api.ts';
import { parseGithubRunId } from './mapper.ts';

/**
 * The failed step's log tail of a GitHub Actions run (docs/vendors.md G12, G13): the attempt's jobs, the first failed
 * job and its failed step, then `GET …/actions/jobs/{job_id}/logs`, which answers 302 to a signed download URL on
 * another host (followed without the token). Only the end of the log is read; its lines carry an ISO timestamp, and
 * the lines written between the step's `started_at` and `completed_at` are the step's.
 */
export const LOG_TAIL_BYTES = 256 * 1024;
export const LOG_LINES = 200;
const JOB_PAGES = 5;

interface Step { name?: string; number?: number; conclusion?: string | null; started_at?: string | null; completed_at?: string | null }
interface Job { id?: number; name?: string; conclusion?: string | null; steps?: Step[] }

const FAILED = new Set(['failure', 'timed_out', 'cancelled', 'startup_failure']);
const STAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.\d+)?Z ?/;

/** Lines of a log, those of the step's time window when it can be told (a line without a stamp belongs with the one before). */
export function stepLines(log: string, step: Step | null): { lines: string[]; scoped: boolean } {
  const all = log.split(/\r?\n/);
  if (all.at(-1) === '') all.pop();
  const from = step?.started_at ? Math.floor(Date.parse(step.started_at) / 1000) * 1000 : Number.NaN;
  const to = step?.completed_at ? Math.floor(Date.parse(step.completed_at) / 1000) * 1000 + 1000 : Number.NaN;
  const strip = (line: string) => line.replace(STAMP, '');
  if (!Number.isFinite(from) || !Number.isFinite(to)) return { lines: all.map(strip), scoped: false };
  const kept: string[] = [];
  let inside = false;
  for (const line of all) {
    const m = STAMP.exec(line);
    if (m) {
      const at = Date.parse(`${m[1]}Z`);
      inside = at >= from && at < to;
    }
    if (inside) kept.push(strip(line));
  }
  return kept.length ? { lines: kept, scoped: true } : { lines: all.map(strip), scoped: false };
}

async function jobsOf(api: GithubApi, repo: string, runId: number, attempt: number): Promise<Job[]> {
  const jobs: Job[] = [];
  let path: string | null = `/repos/${repoPath(repo)}/actions/runs/${runId}/attempts/${attempt}/jobs?per_page=100`;
  for (let page = 0; path && page < JOB_PAGES; page++) {
    const res: { body: unknown; headers: Record<string, string> } = await api.get<unknown>(path, { etag: false });
    jobs.push(...listIn<Job>(res.body, 'jobs', path));
    const next: string | undefined = parseLinks(res.headers['link'])['next'];
    path = next ? api.pathOf(next) : null;
  }
  return jobs;
}

export async function githubStepData(api: GithubApi, externalRunId: string): Promise<StepData> {
  const ref = parseGithubRunId(externalRunId);
  if (!ref) return { kind: 'unavailable', reason: `Flowdeck does not know which repository run ${externalRunId} belongs to, so it cannot ask GitHub for its log.` };
  const jobs = await jobsOf(api, ref.repo, ref.runId, ref.attempt);
  const job = jobs.find((j) => FAILED.has(j.conclusion ?? ''));
  if (!job || typeof job.id !== 'number') return { kind: 'unavailable', reason: 'No job of this run failed, so there is no failed step to show.' };
  const step = (job.steps ?? []).find((s) => FAILED.has(s.conclusion ?? '')) ?? null;
  let log: string;
  let cut: boolean;
  try {
    const res = await api.download(`/repos/${repoPath(ref.repo)}/actions/jobs/${job.id}/logs`, LOG_TAIL_BYTES);
    log = res.text;
    cut = res.cut;
  } catch (error) {
    if (error instanceof HttpFailure && error.kind === 'not_found') {
      return { kind: 'unavailable', reason: `GitHub has no log for job "${job.name ?? job.id}" (logs are kept for a limited time, and a job that never started has none).` };
    }
    throw error;
  }
  const { lines, scoped } = stepLines(log, step);
  const tail = lines.slice(-LOG_LINES);
  return {
    kind: 'log',
    job: { id: String(job.id), name: job.name ?? String(job.id) },
    step: step && scoped ? { number: step.number ?? 0, name: step.name ?? '' } : null,
    lines: tail,
    truncated: cut || lines.length > tail.length,
  };
}
