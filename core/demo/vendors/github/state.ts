import { createHash } from 'node:crypto';
import type { Clock } from '../../../platform/clock.ts';

/**
 * The truth behind the fake GitHub REST API (docs/vendors.md G9, G11): repositories, workflows with their YAML files,
 * runs with every attempt and its jobs, tokens with an hourly primary rate limit on an injectable clock.
 */
export interface FakeWorkflow { id: number; name: string; path: string; state: string; created_at: string; updated_at: string; yaml: string }
export interface FakeStep { name: string; status: string; conclusion: string | null; number: number; started_at: string | null; completed_at: string | null }
export interface FakeJob { id: number; name: string; status: string; conclusion: string | null; started_at: string; completed_at: string | null; labels: string[]; steps: FakeStep[] }
export interface FakeAttempt { attempt: number; status: string; conclusion: string | null; run_started_at: string; updated_at: string; jobs: FakeJob[] }
export interface FakeRun {
  id: number; repo: string; workflow_id: number; run_number: number; event: string; head_branch: string; head_sha: string;
  created_at: string; attempts: FakeAttempt[];
}
export interface FakeRepo { id: number; full: string; workflows: FakeWorkflow[] }
export interface GithubArrival { at: number; method: string; path: string; status: number; counted: boolean }

export interface NewRun {
  /** Created (ms); default now. */
  at?: number;
  status?: 'queued' | 'in_progress' | 'completed' | 'waiting';
  conclusion?: string | null;
  durationMs?: number;
  event?: string;
  /** For failures: the job and step that failed. */
  failing?: { job: string; step: string };
  /** The runner label both jobs ask for (`runs-on`); default `ubuntu-latest` (docs/vendors.md G14). */
  runsOn?: string;
}

/** Our status for a status/conclusion pair, per the docs/vendors.md G8 table (independent of the code under test). */
export function ourStatus(status: string, conclusion: string | null): string {
  const table: Record<string, string> = {
    success: 'success', neutral: 'warning', failure: 'failed', timed_out: 'failed', startup_failure: 'failed',
    cancelled: 'canceled', skipped: 'skipped', stale: 'skipped', action_required: 'waiting',
  };
  if (conclusion) return table[conclusion] ?? 'unknown';
  return ({ queued: 'queued', requested: 'queued', pending: 'queued', waiting: 'waiting', in_progress: 'running' } as Record<string, string>)[status] ?? 'unknown';
}

/** GitHub re-runs a run only up to 30 days after it was created, and at most 50 attempts in all. // docs/vendors.md G4, G5 */
export const RERUN_WINDOW_MS = 30 * 24 * 3_600_000;
export const MAX_ATTEMPTS = 50;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export class FakeGithubState {
  readonly clock: Clock;
  readonly repos = new Map<string, FakeRepo>();
  readonly runs = new Map<number, FakeRun>();
  readonly tokens = new Map<string, { login: string; limit: number; used: number; resetAt: number; revoked: boolean }>();
  readonly arrivals: GithubArrival[] = [];
  private nextId = 9_000_000_000;
  private nextJob = 50_000_000;

  constructor(options: { clock: Clock }) {
    this.clock = options.clock;
  }

  addToken(token: string, login = 'octocat', limit = 5000): void {
    this.tokens.set(token, { login, limit, used: 0, resetAt: this.clock.now() + 3_600_000, revoked: false });
  }

  revoke(token: string): void { this.tokens.get(token)!.revoked = true; }
  restore(token: string): void { this.tokens.get(token)!.revoked = false; }

  addRepo(full: string): FakeRepo {
    const repo: FakeRepo = { id: this.repos.size + 100, full, workflows: [] };
    this.repos.set(full, repo);
    return repo;
  }

  /**
   * A workflow file in a repository; `id` defaults to one derived from the repository. It runs on push, or, given
   * `schedule` (five-field crons, UTC), on those crons and by hand (`workflow_dispatch`).
   */
  addWorkflow(full: string, name: string, file: string, id?: number, options: { schedule?: readonly string[] } = {}): FakeWorkflow {
    const repo = this.repos.get(full)!;
    const at = iso(this.clock.now());
    const crons = options.schedule ?? [];
    const on = crons.length ? `on:\n  schedule:\n${crons.map((c) => `    - cron: '${c}'\n`).join('')}  workflow_dispatch:\n` : 'on: [push]\n';
    const wf: FakeWorkflow = {
      id: id ?? 7_000_000 + repo.id * 100 + repo.workflows.length, name, path: `.github/workflows/${file}`, state: 'active', created_at: at, updated_at: at,
      yaml: `name: ${name}\n${on}jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n`,
    };
    repo.workflows.push(wf);
    return wf;
  }

  private jobs(start: number, end: number | null, conclusion: string | null, failing?: { job: string; step: string }, runsOn = 'ubuntu-latest'): FakeJob[] {
    const done = end !== null;
    const job = (name: string, bad: boolean): FakeJob => ({
      id: this.nextJob++, name, status: done ? 'completed' : 'in_progress', conclusion: done ? (bad ? conclusion : 'success') : null,
      started_at: iso(start), completed_at: done ? iso(end) : null, labels: [runsOn],
      // Three steps sharing the job's time: a tenth, a tenth, the rest (step times have whole seconds, as GitHub's).
      steps: ['Set up job', 'Run actions/checkout@v4', bad && failing ? failing.step : 'Run npm test'].map((name, i, all) => {
        const span = (end ?? start + 30_000) - start;
        const at = (k: number) => iso(start + Math.floor(span * [0, 0.1, 0.2, 1][k]! / 1000) * 1000);
        return {
          name, number: i + 1, status: done ? 'completed' : 'in_progress',
          conclusion: done ? (bad && i === all.length - 1 ? conclusion : 'success') : null,
          started_at: at(i), completed_at: done ? at(i + 1) : null,
        };
      }),
    });
    return [job('lint', false), job(failing?.job ?? 'test', conclusion === 'failure' || conclusion === 'timed_out')];
  }

  private attempt(n: number, start: number, r: NewRun): FakeAttempt {
    const status = r.status ?? 'completed';
    const conclusion = status === 'completed' ? r.conclusion ?? 'success' : null;
    const end = status === 'completed' ? start + (r.durationMs ?? 95_000) : null;
    return { attempt: n, status, conclusion, run_started_at: iso(start), updated_at: iso(end ?? start), jobs: this.jobs(start, end, conclusion, r.failing, r.runsOn) };
  }

  addRun(full: string, workflowId: number, r: NewRun = {}): FakeRun {
    const at = r.at ?? this.clock.now();
    const count = [...this.runs.values()].filter((x) => x.repo === full && x.workflow_id === workflowId).length;
    const run: FakeRun = {
      id: this.nextId++, repo: full, workflow_id: workflowId, run_number: count + 1, event: r.event ?? 'push', head_branch: 'main',
      head_sha: createHash('sha1').update(String(this.nextId)).digest('hex'), created_at: iso(at), attempts: [this.attempt(1, at, r)],
    };
    this.runs.set(run.id, run);
    return run;
  }

  /** Completes the latest attempt of a run. */
  finish(runId: number, conclusion: string, failing?: { job: string; step: string }): void {
    const run = this.runs.get(runId)!;
    const last = run.attempts.at(-1)!;
    const start = Date.parse(last.run_started_at);
    Object.assign(last, this.attempt(last.attempt, start, { status: 'completed', conclusion, durationMs: Math.max(1000, this.clock.now() - start), ...(failing ? { failing } : {}) }));
  }

  /**
   * A re-run: a new attempt, in progress, started now. The run keeps its `created_at` (so a `created` filter never
   * finds it again); only `run_started_at` and `updated_at` move, and `run_attempt` goes up by one. // docs/vendors.md G1
   */
  rerun(runId: number): FakeAttempt {
    const run = this.runs.get(runId)!;
    const next = this.attempt(run.attempts.length + 1, this.clock.now(), { status: 'in_progress' });
    run.attempts.push(next);
    return next;
  }

  /**
   * Why GitHub would refuse `POST …/runs/{id}/rerun` now, or null. Status and wording are assumptions in GitHub's usual
   * `{ message, documentation_url }` shape. // docs/vendors.md G4, G5, G6, G7
   */
  rerunRefusal(runId: number): { status: number; message: string } | null {
    const run = this.runs.get(runId)!;
    const last = run.attempts.at(-1)!;
    const wf = this.repos.get(run.repo)?.workflows.find((w) => w.id === run.workflow_id);
    if (last.status !== 'completed') return { status: 403, message: 'This workflow run is not completed' }; // G7
    if (wf && wf.state !== 'active') return { status: 403, message: 'Unable to re-run this workflow run because the workflow is disabled' }; // G6
    if (this.clock.now() - Date.parse(run.created_at) > RERUN_WINDOW_MS) {
      return { status: 403, message: 'Unable to retry this workflow run because it was created over a month ago' }; // G4
    }
    if (run.attempts.length >= MAX_ATTEMPTS) return { status: 403, message: `This workflow run has reached the maximum of ${MAX_ATTEMPTS} attempts` }; // G5
    return null;
  }

  /** Every attempt as the ledger should hold it. */
  truth(): { id: string; status: string; raw: string; failing: string | null; createdAt: number }[] {
    const out = [];
    for (const run of this.runs.values()) {
      for (const a of run.attempts) {
        const job = a.jobs.find((j) => j.conclusion === 'failure' || j.conclusion === 'timed_out');
        const step = job?.steps.find((st) => st.conclusion === 'failure' || st.conclusion === 'timed_out');
        out.push({
          id: a.attempt > 1 ? `${run.repo}:${run.id}:${a.attempt}` : `${run.repo}:${run.id}`,
          status: ourStatus(a.status, a.conclusion), raw: a.conclusion ? `${a.status}/${a.conclusion}` : a.status,
          failing: job ? `${job.name} › ${step?.name ?? ''}` : null, createdAt: Date.parse(run.created_at),
        });
      }
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** The primary limit: charges one request, or says when the quota resets if it is spent. */
  charge(token: string): { ok: boolean } {
    const t = this.tokens.get(token)!;
    const now = this.clock.now();
    if (now >= t.resetAt) {
      t.used = 0;
      t.resetAt = now + 3_600_000;
    }
    if (t.used >= t.limit) return { ok: false };
    t.used += 1;
    return { ok: true };
  }

  rateHeaders(token: string): Record<string, string> {
    const t = this.tokens.get(token)!;
    return {
      'x-ratelimit-limit': String(t.limit), 'x-ratelimit-remaining': String(Math.max(0, t.limit - t.used)),
      'x-ratelimit-used': String(t.used), 'x-ratelimit-reset': String(Math.ceil(t.resetAt / 1000)), 'x-ratelimit-resource': 'core',
    };
  }
}
