import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeGithubState, FakeJob } from './state.ts';

/**
 * Job logs of the fake GitHub (docs/vendors.md G12, G13). `GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs`
 * answers 302 with a `Location` on another host (the log host, like GitHub's storage for Actions results), signed
 * and valid for one minute; the log host serves the plain-text log there without any credential and records every
 * request, so a test can see whether a token ever reached it. Each line starts with an ISO time (7 decimals).
 */
export const LOG_URL_TTL_MS = 60_000;
const KEY = 'fake-github-log-signing-key';

export interface LogRequest { path: string; authorization: string | null; status: number }

const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');

/** The plain-text log GitHub would serve for a job: each step's lines in its own time window, the failing one long. */
export function renderJobLog(job: FakeJob, failingOutputLines = 320): string {
  const lines: string[] = [];
  for (const step of job.steps) {
    const from = Date.parse(step.started_at ?? job.started_at);
    const to = Date.parse(step.completed_at ?? step.started_at ?? job.started_at);
    const failed = step.conclusion === 'failure' || step.conclusion === 'timed_out';
    const body = failed
      ? [...Array.from({ length: failingOutputLines }, (_, i) => `  ✓ case ${i + 1} passes`), '  ✗ checkout total rounds to cents', '    Expected: 10.00', '    Received: 9.99', '##[error]Process completed with exit code 1.']
      : [`${step.name}: done`];
    const all = [`##[group]${step.name}`, ...body, '##[endgroup]'];
    all.forEach((text, i) => lines.push(`${stamp(from + Math.floor((to - from) * i / Math.max(1, all.length)))} ${text}`));
  }
  const end = Date.parse(job.completed_at ?? job.started_at);
  lines.push(`${stamp(end + 1500)} Post job cleanup.`, `${stamp(end + 1600)} Cleaning up orphan processes`);
  return `${lines.join('\n')}\n`;
}

export class GithubLogs {
  readonly state: FakeGithubState;
  /** Where the log host listens (set once it does); defaults to the API's own origin. */
  origin: string | null = null;
  /** Logs planted by a test, by job id (else rendered from the job). */
  readonly planted = new Map<number, string>();
  readonly requests: LogRequest[] = [];

  constructor(state: FakeGithubState) {
    this.state = state;
  }

  job(repo: string, jobId: number): FakeJob | null {
    for (const run of this.state.runs.values()) {
      if (run.repo !== repo) continue;
      for (const a of run.attempts) for (const j of a.jobs) if (j.id === jobId) return j;
    }
    return null;
  }

  private sign(jobId: number, expires: number): string {
    return createHmac('sha256', KEY).update(`${jobId}:${expires}`).digest('hex').slice(0, 32);
  }

  /** The 302 target for a job's log: another host, signed, expiring in a minute. */
  location(jobId: number, apiOrigin: string): string {
    const expires = this.state.clock.now() + LOG_URL_TTL_MS;
    return `${this.origin ?? apiOrigin}/actions-results/jobs/${jobId}/logs.txt?se=${expires}&sig=${this.sign(jobId, expires)}`;
  }

  /** The log host: serves a signed, unexpired log URL as text/plain; needs no (and is never sent a) credential. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const entry: LogRequest = { path: url.pathname, authorization: req.headers.authorization ?? null, status: 0 };
    this.requests.push(entry);
    const send = (status: number, text: string) => {
      entry.status = status;
      res.writeHead(status, { 'content-type': status === 200 ? 'text/plain; charset=utf-8' : 'application/json' });
      res.end(text);
    };
    const m = /^\/actions-results\/jobs\/(\d+)\/logs\.txt$/.exec(url.pathname);
    const expires = Number(url.searchParams.get('se'));
    if (!m || url.searchParams.get('sig') !== this.sign(Number(m[1]), expires)) return send(403, '{"message":"Signature did not match"}');
    if (this.state.clock.now() > expires) return send(403, '{"message":"Signed URL expired"}');
    const jobId = Number(m[1]);
    const planted = this.planted.get(jobId);
    if (planted !== undefined) return send(200, planted);
    for (const run of this.state.runs.values()) {
      for (const a of run.attempts) for (const j of a.jobs) if (j.id === jobId) return send(200, renderJobLog(j));
    }
    return send(404, '{"message":"Not Found"}');
  }
}
