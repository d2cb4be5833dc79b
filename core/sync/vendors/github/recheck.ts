import type { IngestRecord } from '../../ingest/record.ts';
import { repoPath } from './api.ts';
import type { GithubCursor } from './cursor.ts';
import { githubRunStatus, type GithubRun } from './mapper.ts';
import { optional, recordsFor, type GithubSyncContext } from './records.ts';

/** GitHub re-runs a run only within 30 days of it (docs/vendors.md G4): an older failure cannot change any more. */
export const RERUN_WINDOW_MS = 30 * 24 * 3_600_000;
/** Failures re-read per repository and poll at most (the newest; one per workflow). */
const MAX_WATCHED = 50;
/** Polls that look for the new attempt of a re-run asked for from Flowdeck before giving up on it. */
const MAX_CHECKS = 3;

const attemptOf = (run: GithubRun) => (run.run_attempt && run.run_attempt > 0 ? run.run_attempt : 1);

/**
 * Remembers, per workflow, the newest run seen and whether it failed: that failure is what the workflow shows on
 * screen. The same run seen again (at a new attempt, say) replaces itself; an older run of the workflow is ignored.
 */
export function observe(c: GithubCursor, repo: string, runs: readonly GithubRun[]): void {
  const entry = (c.repos[repo] ??= { hw: null, latest: {} });
  for (const run of runs) {
    const created = Date.parse(run.created_at);
    if (!Number.isFinite(created) || typeof run.id !== 'number') continue;
    const key = String(run.workflow_id);
    const known = entry.latest[key];
    if (known && known.id !== run.id && (created < known.created || (created === known.created && run.id < known.id))) continue;
    entry.latest[key] = {
      id: run.id, created, attempt: attemptOf(run), updated: run.updated_at, failed: githubRunStatus(run.status, run.conclusion) === 'failed',
    };
  }
}

/** The runs to read again: each workflow's newest run when it failed and may still be re-run, and Flowdeck's re-runs. */
function watched(ctx: GithubSyncContext, c: GithubCursor, repo: string): Map<number, number> {
  const now = ctx.now();
  const failures = Object.values(c.repos[repo]?.latest ?? {})
    .filter((l) => l.failed && now - l.created <= RERUN_WINDOW_MS)
    .sort((a, b) => b.created - a.created)
    .slice(0, MAX_WATCHED);
  const out = new Map(failures.map((l) => [l.id, l.attempt]));
  for (const r of ctx.reruns.values()) if (r.repo === repo && !out.has(r.id)) out.set(r.id, r.attempt);
  return out;
}

/**
 * Reads again the failures on screen and the runs re-run from Flowdeck (ETag: a 304 costs no rate limit). A re-run
 * keeps its run's `created_at` (docs/vendors.md G1) and the runs list cannot be asked for recently updated runs (G2),
 * so a re-run that started and finished between two polls is found only here. Records only what changed.
 */
export async function recheck(ctx: GithubSyncContext, c: GithubCursor, repo: string): Promise<IngestRecord[]> {
  const out: IngestRecord[] = [];
  for (const [id, attempt] of watched(ctx, c, repo)) {
    const key = `${repo}#${id}`;
    const requested = ctx.reruns.get(key);
    const res = await optional(() => ctx.api.get<GithubRun>(`/repos/${repoPath(repo)}/actions/runs/${id}`));
    const run = res?.body && typeof res.body === 'object' ? res.body : null;
    if (!run) {
      ctx.reruns.delete(key);
      const latest = c.repos[repo]?.latest ?? {};
      for (const [wf, l] of Object.entries(latest)) if (l.id === id) delete latest[wf];
      continue;
    }
    const known = c.repos[repo]?.latest[String(run.workflow_id)];
    const changed = attemptOf(run) !== attempt || (known?.id === run.id && known.updated !== run.updated_at);
    if (changed) out.push(...await recordsFor(ctx, repo, run, true));
    observe(c, repo, [run]);
    if (requested && (attemptOf(run) > requested.attempt || ++requested.checks >= MAX_CHECKS)) ctx.reruns.delete(key);
  }
  return out;
}
