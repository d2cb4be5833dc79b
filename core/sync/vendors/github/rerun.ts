import { HttpFailure } from '../../../platform/http/types.ts';
import { repoPath } from './api.ts';
import { parseGithubRunId, type GithubRun, type GithubWorkflow } from './mapper.ts';
import { RERUN_WINDOW_MS } from './recheck.ts';
import type { GithubSyncContext } from './records.ts';

/** GitHub runs a workflow run at most 50 times, re-runs included (docs/vendors.md G5). */
export const MAX_ATTEMPTS = 50;
const DAY = 24 * 3_600_000;

/** A refusal in an owner's words; the sentence travels as the body's `message`, which the action's outcome shows. */
const refuse = (message: string, status: number | null = null, vendorBody?: unknown) =>
  new HttpFailure('client', message, { status, body: { message, ...(vendorBody ? { vendor: vendorBody } : {}) } });

/** Flowdeck's own refusal, before asking GitHub: the action's outcome shows the sentence as it is. */
export class RerunRefused extends Error {
  override name = 'RerunRefused';
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Why GitHub will not re-run this run now (docs/vendors.md G4–G7), or null when it may. */
export function rerunBlocker(run: GithubRun, workflow: GithubWorkflow | null, now: number): string | null {
  const id = `Run ${run.id}`;
  if (run.status !== 'completed') return `${id} is still going (${run.status ?? 'status unknown'}); it can be re-run once it has finished.`;
  if (workflow && workflow.state !== 'active') {
    return `Its workflow “${workflow.name}” is switched off in GitHub (${workflow.state}), and GitHub re-runs nothing while it is off: switch it on first.`;
  }
  const created = Date.parse(run.created_at);
  if (Number.isFinite(created) && now - created > RERUN_WINDOW_MS) {
    return `${id} is from ${day(created)}, ${Math.floor((now - created) / DAY)} days ago; GitHub re-runs a run only within 30 days. Start the workflow again in GitHub instead.`;
  }
  if ((run.run_attempt ?? 1) >= MAX_ATTEMPTS) return `${id} has run ${run.run_attempt} times, GitHub's limit for one run (${MAX_ATTEMPTS}). Start the workflow again in GitHub instead.`;
  return null;
}

/**
 * "Re-run" from Flowdeck: reads the run and its workflow first (ETag: free when unchanged) and says plainly why GitHub
 * would refuse, without asking; else asks once (not idempotent) and remembers the run, so the next poll reads its new
 * attempt even when it finishes before that poll.
 */
export async function rerunGithubRun(ctx: GithubSyncContext, externalRunId: string): Promise<string> {
  const ref = parseGithubRunId(externalRunId);
  if (!ref) throw new HttpFailure('client', `"${externalRunId}" is not a GitHub run id (owner/repo:run).`);
  const base = `/repos/${repoPath(ref.repo)}/actions`;
  const run = (await ctx.api.get<GithubRun>(`${base}/runs/${ref.runId}`)).body;
  let workflow: GithubWorkflow | null = null;
  try {
    workflow = (await ctx.api.get<GithubWorkflow>(`${base}/workflows/${run.workflow_id}`)).body;
  } catch (error) {
    if (!(error instanceof HttpFailure) || error.kind !== 'not_found') throw error;
  }
  const blocker = rerunBlocker(run, workflow, ctx.now());
  if (blocker) throw new RerunRefused(blocker);
  try {
    await ctx.api.send('POST', `${base}/runs/${ref.runId}/rerun`, {}, false);
  } catch (error) {
    if (!(error instanceof HttpFailure) || (error.status !== 403 && error.status !== 422)) throw error;
    const said = error.body && typeof error.body === 'object' ? (error.body as { message?: unknown }).message : undefined;
    const why = typeof said === 'string' && said.trim() ? `“${said.trim().slice(0, 120)}”` : 'no reason given';
    const token = error.status === 403 ? ' A re-run also needs a token with write access to Actions.' : '';
    throw refuse(`GitHub would not re-run run ${ref.runId} (${error.status}: ${why}).${token}`, error.status, error.body);
  }
  ctx.reruns.set(`${ref.repo}#${ref.runId}`, { repo: ref.repo, id: ref.runId, attempt: run.run_attempt ?? 1, checks: 0 });
  return `Asked GitHub to re-run run ${ref.runId} in ${ref.repo}.`;
}
