import type { IngestRecord } from '../../ingest/record.ts';
import type { Logger } from '../../platform/logger.ts';
import { HttpFailure } from '../../platform/http/types.ts';
import type { RunsPage } from '../types.ts';
import { listIn, parseLinks, repoPath, totalCount, type GithubApi } from './api.ts';
import { decodeGithubCursor, encodeGithubCursor, type GithubCursor, type GithubScan } from './cursor.ts';
import { githubRunStatus, mapGithubRun, type GithubJob, type GithubRun } from './mapper.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** GitHub returns at most this many results when a filter such as `created` is used (CONTRACTS.md §4). */
export const FILTERED_CAP = 1000;

export interface GithubSyncOptions {
  /** How far a scan reaches back before the mark (runs that show up a little late). */
  overlapMs: number;
  /** Failing job/step and earlier attempts are fetched for runs no older than this. */
  detailMaxAgeMs: number;
  /** Earlier attempts of a re-run fetched at most. */
  maxEarlierAttempts: number;
}

export const DEFAULT_GITHUB_SYNC: GithubSyncOptions = { overlapMs: 10 * MINUTE, detailMaxAgeMs: 7 * DAY, maxEarlierAttempts: 5 };

export interface GithubSyncContext {
  api: GithubApi;
  repos: string[];
  options: GithubSyncOptions;
  now(): number;
  logger: Logger;
}

const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const runsPath = (repo: string, query: string) => `/repos/${repoPath(repo)}/actions/runs?per_page=100${query}`;

function startScan(repo: string, hw: number | null, overlapMs: number): GithubScan {
  if (hw === null) return { repo, phase: 'runs', mode: 'full', next: runsPath(repo, ''), first: true, stopBefore: null, top: null, replays: 0 };
  const since = hw - overlapMs;
  return {
    repo, phase: 'runs', mode: 'since', next: runsPath(repo, `&created=${encodeURIComponent(`>=${isoSeconds(since)}`)}`),
    first: true, stopBefore: since, top: hw, replays: 0,
  };
}

/** 404/410 mean "gone", which is not worth failing a page over; anything else is. */
async function optional<T>(load: () => Promise<T>): Promise<T | null> {
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
  const failed = githubRunStatus(run.status, run.conclusion) === 'failed';
  const out = [mapGithubRun(run, repo, failed && recent ? await jobsOf(ctx, repo, run) : null)];
  const attempt = run.run_attempt ?? 1;
  if (!withEarlier || !recent || attempt <= 1) return out;
  for (let k = Math.max(1, attempt - ctx.options.maxEarlierAttempts); k < attempt; k += 1) {
    const res = await optional(() => ctx.api.get<GithubRun>(`/repos/${repoPath(repo)}/actions/runs/${run.id}/attempts/${k}`));
    if (!res?.body || typeof res.body !== 'object') continue;
    const earlier = res.body;
    const earlierFailed = githubRunStatus(earlier.status, earlier.conclusion) === 'failed';
    out.push(mapGithubRun(earlier, repo, earlierFailed ? await jobsOf(ctx, repo, earlier) : null));
  }
  return out;
}

async function mapPage(ctx: GithubSyncContext, repo: string, runs: GithubRun[]): Promise<IngestRecord[]> {
  const out: IngestRecord[] = [];
  for (const run of runs) out.push(...await recordsFor(ctx, repo, run, true));
  return out;
}

async function runsPage(ctx: GithubSyncContext, c: GithubCursor, scan: GithubScan): Promise<IngestRecord[]> {
  const path = scan.next!;
  const res = await ctx.api.get<unknown>(path);
  const runs = listIn<GithubRun>(res.body, 'workflow_runs', path);
  if (scan.mode === 'since' && scan.first && (totalCount(res.body) ?? 0) > FILTERED_CAP) {
    ctx.logger.warn('More new GitHub runs than the created filter returns; paging the full list instead', { repo: scan.repo, total: totalCount(res.body) });
    scan.mode = 'full';
    scan.next = runsPath(scan.repo, '');
    return mapPage(ctx, scan.repo, runs);
  }
  scan.first = false;
  const records = await mapPage(ctx, scan.repo, runs);
  for (const run of runs) {
    const created = Date.parse(run.created_at);
    if (Number.isFinite(created)) scan.top = Math.max(scan.top ?? created, created);
  }
  const reachedOld = scan.mode === 'full' && scan.stopBefore !== null && runs.some((r) => Date.parse(r.created_at) < scan.stopBefore!);
  const next = parseLinks(res.headers['link'])['next'];
  scan.next = next && !reachedOld ? ctx.api.pathOf(next) : null;
  if (scan.next === path) {
    scan.replays += 1;
    ctx.logger.warn('GitHub sent a page whose next link points back at itself; asking again', { path, times: scan.replays });
    if (scan.replays >= 3) throw new HttpFailure('bad_response', `GitHub keeps answering ${path.split('?')[0]} with a next link to the same page — its paging looks broken, so the sync cannot go on safely.`);
  } else scan.replays = 0;
  if (scan.next === null) {
    const mark = c.repos[scan.repo]?.hw ?? null;
    c.repos[scan.repo] = { hw: scan.top === null ? mark : Math.max(mark ?? scan.top, scan.top) };
    scan.phase = 'probe';
  }
  return records;
}

/** Runs in progress right now, whatever their age: re-runs of old runs show up here. */
async function probe(ctx: GithubSyncContext, scan: GithubScan): Promise<IngestRecord[]> {
  const path = runsPath(scan.repo, '&status=in_progress');
  const res = await ctx.api.get<unknown>(path);
  return mapPage(ctx, scan.repo, listIn<GithubRun>(res.body, 'workflow_runs', path));
}

/** One step of the GitHub sync: one page of one repository's runs (plus details), or its in-progress probe. */
export async function githubListRuns(ctx: GithubSyncContext, cursorText: string | null): Promise<RunsPage> {
  if (ctx.repos.length === 0) {
    throw new HttpFailure('client', 'This GitHub connector watches no repository: list them as owner/name (for example octo-org/website).');
  }
  const { cursor: c, reset } = decodeGithubCursor(cursorText);
  if (reset) ctx.logger.warn('The stored GitHub sync position was unreadable; reading the history again (no run is duplicated)');
  if (!c.pass) {
    for (const repo of Object.keys(c.repos)) if (!ctx.repos.includes(repo)) delete c.repos[repo];
    c.pass = { queue: [...ctx.repos], scan: null };
  }
  const pass = c.pass;
  const repo = pass.queue[0];
  const records: IngestRecord[] = [];
  if (repo !== undefined) {
    pass.scan ??= startScan(repo, c.repos[repo]?.hw ?? null, ctx.options.overlapMs);
    const scan = pass.scan;
    if (scan.phase === 'runs') {
      try {
        records.push(...await runsPage(ctx, c, scan));
      } catch (error) {
        if (!(error instanceof HttpFailure) || error.kind !== 'not_found') throw error;
        ctx.logger.warn('GitHub repository not found (renamed, deleted or no longer visible with this access); skipping it', { repo });
        pass.queue.shift();
        pass.scan = null;
      }
    } else {
      records.push(...await probe(ctx, scan));
      pass.queue.shift();
      pass.scan = null;
    }
  }
  if (pass.queue.length === 0) c.pass = null;
  return { records, cursor: encodeGithubCursor(c), hasMore: c.pass !== null };
}
