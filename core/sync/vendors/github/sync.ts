import type { IngestRecord } from '../../ingest/record.ts';
import { HttpFailure } from '../../../platform/http/types.ts';
import type { RunsPage } from '../types.ts';
import { listIn, parseLinks, repoPath, totalCount } from './api.ts';
import { decodeGithubCursor, encodeGithubCursor, type GithubCursor, type GithubScan } from './cursor.ts';
import type { GithubRun } from './mapper.ts';
import { observe, recheck } from './recheck.ts';
import { recordsFor, type GithubSyncContext } from './records.ts';

export { DEFAULT_GITHUB_SYNC, recordsFor, type GithubSyncContext, type GithubSyncOptions } from './records.ts';

/** GitHub returns at most this many results when a filter such as `created` is used (docs/vendors.md G10). */
export const FILTERED_CAP = 1000;

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

async function mapPage(ctx: GithubSyncContext, c: GithubCursor, repo: string, runs: GithubRun[]): Promise<IngestRecord[]> {
  observe(c, repo, runs);
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
    return mapPage(ctx, c, scan.repo, runs);
  }
  scan.first = false;
  const records = await mapPage(ctx, c, scan.repo, runs);
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
    const entry = (c.repos[scan.repo] ??= { hw: null, latest: {} });
    entry.hw = scan.top === null ? entry.hw : Math.max(entry.hw ?? scan.top, scan.top);
    scan.phase = 'probe';
  }
  return records;
}

/**
 * Runs in progress right now, whatever their age: re-runs of old runs show up here. Then the failures on screen and
 * the runs re-run from Flowdeck, read again: a re-run that finished since the last poll shows only there.
 */
async function probe(ctx: GithubSyncContext, c: GithubCursor, scan: GithubScan): Promise<IngestRecord[]> {
  const path = runsPath(scan.repo, '&status=in_progress');
  const res = await ctx.api.get<unknown>(path);
  const records = await mapPage(ctx, c, scan.repo, listIn<GithubRun>(res.body, 'workflow_runs', path));
  records.push(...await recheck(ctx, c, scan.repo));
  return records;
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
      records.push(...await probe(ctx, c, scan));
      pass.queue.shift();
      pass.scan = null;
    }
  }
  if (pass.queue.length === 0) c.pass = null;
  return { records, cursor: encodeGithubCursor(c), hasMore: c.pass !== null };
}
