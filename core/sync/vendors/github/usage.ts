import type { RunUsage } from '../../ingest/record.ts';
import type { GithubJob } from './job.ts';

/**
 * GitHub Actions billed minutes of one run attempt, estimated from its jobs (docs/vendors.md G14, G15). GitHub bills
 * each job on its own, rounded up to a whole minute, times its runner's multiplier: Linux 1, Windows 2, macOS 10.
 * Self-hosted runners cost no minutes. An estimate: public repositories and larger runners are billed otherwise, and
 * the per-run timing endpoint that once said it is being retired, so Flowdeck never asks it.
 */
export function runnerMultiplier(labels: readonly string[] | null | undefined): number {
  const words = (labels ?? []).map((l) => l.toLowerCase());
  if (words.includes('self-hosted')) return 0;
  if (words.some((l) => l.startsWith('macos'))) return 10;
  if (words.some((l) => l.startsWith('windows'))) return 2;
  return 1;
}

/** One job's billed minutes: its duration rounded up to the minute, times the runner's multiplier; 0 when it never ran. */
export function jobMinutes(job: GithubJob): number {
  const start = job.started_at ? Date.parse(job.started_at) : NaN;
  const end = job.completed_at ? Date.parse(job.completed_at) : NaN;
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start || job.conclusion === 'skipped') return 0;
  return Math.ceil((end - start) / 60_000) * runnerMultiplier(job.labels);
}

/** The attempt's minutes once every job has completed; null while one is still going (the figure would grow). */
export function githubRunUsage(jobs: readonly GithubJob[] | null | undefined): RunUsage | null {
  if (!jobs || jobs.some((j) => j.status !== 'completed')) return null;
  return { units: jobs.reduce((sum, j) => sum + jobMinutes(j), 0), exact: false };
}
