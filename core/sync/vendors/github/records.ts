import type { IngestRecord } from '../../ingest/record.ts';
import type { Logger } from '../../../platform/logger.ts';
import { HttpFailure } from '../../../platform/http/types.ts';
import { listIn, repoPath, type GithubApi } from './api.ts';
import { mapGithubRun, type GithubJob, type GithubRun } from './mapper.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface GithubSyncOptions {
  /** How far a scan reaches back before the mark (runs that show up a little late). */
  overlapMs: number;
  /** Failing job/step and earlier attempts are fetched for runs no older than this. */
  detailMaxAgeMs: number;
  /** Earlier attempts of a re-run fetched at most. */
  maxEarlierAttempts: number;
}

export const DEFAULT_GITHUB_SYNC: GithubSyncOptions = { overlapMs: 10 * MINUTE, detailMaxAgeMs: 7 * DAY, maxEarlierAttempts: 5 };

/** A run Flowdeck asked GitHub to re-run, to read again at the next polls until its new attempt shows. */
export interface RequestedRerun {
  repo: string;
  id: number;
  /** The run's attempt when the re-run was asked for. */
  attempt: number;
  /** Polls that have looked for the new attempt so far. */
  checks: number;
}

export interface GithubSyncContext {
  api: GithubApi;
  repos: string[];
  options: GithubSyncOptions;
  now(): number;
  logger: Logger;
  /** Re-runs asked for from Flowdeck, by `repo#runId` (kept in memory; the failures on screen are in the cursor). */
  reruns: Map<string, RequestedRerun>;
}

/** 404/410 mean "gone", which is not worth failing a page over; anything else is. */
export async function optional<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof HttpFailure && (error.kind === 'not_found' || error.status === 410)) return null;
    throw error;
  }
}

async function jobsOf(ctx: GithubSyncContext, repo: string, run: GithubRun): Promise<GithubJob[] | null> {
  const attempt = run.run_attempt ?? 1;
  const res = await optional(() => ctx.api.get<unknown>(`/repos/${repoPath(repo)}/actions/runs/${run.id}/attempts/${attempt}/jobs?per_page=100`));
  return res ? listIn<GithubJob>(res.body, 'jobs', 'jobs') : null;
}

/** A run as a record, with its failing step (when failed) and its earlier attempts (when re-run), if recent. */
export async function recordsFor(ctx: GithubSyncContext, repo: string, run: GithubRun, withEarlier: boolean): Promise<IngestRecord[]> {
  const recent = Date.parse(run.created_at) >= ctx.now() - ctx.options.detailMaxAgeMs;
  // Jobs of every completed recent run: the failing step of a failure, and the billed minutes of each (usage).
  const completed = run.status === 'completed';
  const out = [mapGithubRun(run, repo, completed && recent ? await jobsOf(ctx, repo, run) : null)];
  const attempt = run.run_attempt ?? 1;
  if (!withEarlier || !recent || attempt <= 1) return out;
  for (let k = Math.max(1, attempt - ctx.options.maxEarlierAttempts); k < attempt; k += 1) {
    const res = await optional(() => ctx.api.get<GithubRun>(`/repos/${repoPath(repo)}/actions/runs/${run.id}/attempts/${k}`));
    if (!res?.body || typeof res.body !== 'object') continue;
    const earlier = res.body;
    out.push(mapGithubRun(earlier, repo, earlier.status === 'completed' ? await jobsOf(ctx, repo, earlier) : null));
  }
  return out;
}
