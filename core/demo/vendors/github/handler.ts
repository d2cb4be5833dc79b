import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultPlan } from '../faults.ts';
import { createdMatches, pageOf, pageParams, type Json, type ListAnswer } from './paging.ts';
import type { FakeAttempt, FakeGithubState, FakeRun, FakeWorkflow } from './state.ts';
import { GithubLogs } from './logs.ts';

/**
 * Request handler of the fake GitHub REST API (docs/vendors.md G9, G11, R3): Bearer auth, rate headers on every answer,
 * 403 + `x-ratelimit-remaining: 0` once the hourly quota is spent, ETag / If-None-Match → 304 (not charged),
 * Link paging, the Actions runs / attempts / jobs / workflows / contents endpoints, re-run and enable/disable.
 * Vendor faults: a replayed previous page (headers included), two pages with swapped contents (each keeping
 * its own Link header), a secondary rate limit (403 + Retry-After).
 */
export interface GithubVendorFault {
  kind: 'duplicate-page' | 'swap-pages' | 'secondary-limit';
  times?: number;
  retryAfterS?: number;
}

const DOCS = 'https://docs.github.com/rest';
const fail = (status: number, message: string): ListAnswer => ({ status, body: { message, documentation_url: DOCS, status: String(status) }, headers: {} });
const ok = (body: Json, status = 200): ListAnswer => ({ status, body, headers: {} });

export class GithubHandler {
  readonly state: FakeGithubState;
  readonly faults: FaultPlan;
  readonly vendorFaults: (GithubVendorFault & { left: number })[] = [];
  /** Job logs: the 302 to a signed URL and the log host behind it (listen on it with `logs.handle`). */
  readonly logs: GithubLogs;
  private readonly lastPage = new Map<string, ListAnswer>();
  private pendingSwap: { key: string; page: number; answer: ListAnswer } | null = null;
  private revokeAt: { token: string; at: number } | null = null;

  constructor(state: FakeGithubState, faults: FaultPlan) {
    this.state = state;
    this.faults = faults;
    this.logs = new GithubLogs(state);
  }

  addVendorFault(f: GithubVendorFault): void {
    this.vendorFaults.push({ ...f, left: f.times ?? 1 });
  }

  /** Revokes the token once `requests` more requests have arrived. */
  revokeAfter(token: string, requests: number): void {
    this.revokeAt = { token, at: this.state.arrivals.length + requests };
  }

  private take(kind: GithubVendorFault['kind']): (GithubVendorFault & { left: number }) | undefined {
    return this.vendorFaults.find((f) => f.kind === kind && f.left > 0);
  }

  handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    const arrival = { at: this.state.clock.now(), method: req.method ?? 'GET', path: req.url ?? '/', status: 0, counted: false };
    this.state.arrivals.push(arrival);
    if (this.revokeAt && this.state.arrivals.length > this.revokeAt.at) {
      this.state.revoke(this.revokeAt.token);
      this.revokeAt = null;
    }
    if (this.faults.apply(req, res)) return;
    const send = (a: ListAnswer, extra: Record<string, string> = {}) => {
      arrival.status = a.status;
      res.writeHead(a.status, { 'content-type': 'application/json; charset=utf-8', ...a.headers, ...extra });
      res.end(a.status === 304 || a.status === 204 || a.status === 302 ? undefined : JSON.stringify(a.body));
    };
    const auth = /^(?:Bearer|token) (.+)$/.exec(req.headers.authorization ?? '');
    const token = auth?.[1];
    const t = token ? this.state.tokens.get(token) : undefined;
    if (!token || !t || t.revoked) return send(fail(401, 'Bad credentials'));
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname === '/rate_limit') {
      const h = this.state.rateHeaders(token);
      const core = { limit: Number(h['x-ratelimit-limit']), remaining: Number(h['x-ratelimit-remaining']), used: Number(h['x-ratelimit-used']), reset: Number(h['x-ratelimit-reset']) };
      return send(ok({ resources: { core }, rate: core }), h);
    }
    const secondary = this.take('secondary-limit');
    if (secondary) {
      secondary.left -= 1;
      return send(fail(403, 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'), { 'retry-after': String(secondary.retryAfterS ?? 60), ...this.state.rateHeaders(token) });
    }
    const answer = this.route(req.method ?? 'GET', url, `http://${req.headers.host ?? 'fake'}`, body);
    if ((req.method ?? 'GET') === 'GET' && answer.status === 200) {
      const etag = answer.headers['etag'] ?? `W/"${createHash('sha1').update(JSON.stringify(answer.body) + (answer.headers['link'] ?? '')).digest('hex')}"`;
      answer.headers = { ...answer.headers, etag };
      if (req.headers['if-none-match'] === etag) return send({ status: 304, body: {}, headers: { etag } }, this.state.rateHeaders(token));
    }
    if (!this.state.charge(token).ok) {
      return send(fail(403, `API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.`), this.state.rateHeaders(token));
    }
    arrival.counted = true;
    return send(answer, this.state.rateHeaders(token));
  }

  private route(method: string, url: URL, origin: string, _body: string): ListAnswer {
    const p = url.pathname;
    let m: RegExpExecArray | null;
    if (method === 'GET' && p === '/user') {
      const login = [...this.state.tokens.values()][0]?.login ?? 'octocat';
      return { status: 200, body: { login, id: 1, type: 'User' }, headers: { 'x-oauth-scopes': 'repo, workflow' } };
    }
    if (!(m = /^\/repos\/([\w.-]+\/[\w.-]+)(\/.*)?$/.exec(p))) return fail(404, 'Not Found');
    const repo = this.state.repos.get(m[1]!);
    if (!repo) return fail(404, 'Not Found');
    const rest = m[2] ?? '';
    if (method === 'GET' && rest === '') return ok({ id: repo.id, full_name: repo.full, private: true });
    if (method === 'GET' && rest === '/actions/runs') {
      // Only GitHub's own filters narrow the list; anything else (`updated`, `sort`, …) is ignored, newest created
      // first, as GitHub does. // docs/vendors.md G2
      const created = url.searchParams.get('created');
      const status = url.searchParams.get('status');
      const runs = [...this.state.runs.values()]
        .filter((r) => r.repo === repo.full)
        .filter((r) => !created || createdMatches(created, Date.parse(r.created_at)))
        .filter((r) => { const a = r.attempts.at(-1)!; return !status || a.status === status || a.conclusion === status; })
        .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id)
        .map((r) => this.publicRun(r, r.attempts.at(-1)!, origin));
      return this.paged(url, origin, runs, 'workflow_runs');
    }
    if (method === 'GET' && rest === '/actions/workflows') {
      return this.paged(url, origin, repo.workflows.map((w) => this.publicWorkflow(repo.full, w, origin)), 'workflows');
    }
    if (method === 'GET' && (m = /^\/actions\/workflows\/(\d+)$/.exec(rest))) {
      // "Get a workflow" (its `state` tells whether it may be re-run). // docs/vendors.md G6
      const wf = repo.workflows.find((w) => w.id === Number(m![1]));
      return wf ? ok(this.publicWorkflow(repo.full, wf, origin)) : fail(404, 'Not Found');
    }
    if ((m = /^\/actions\/workflows\/(\d+)\/(enable|disable)$/.exec(rest)) && method === 'PUT') {
      const wf = repo.workflows.find((w) => w.id === Number(m![1]));
      if (!wf) return fail(404, 'Not Found');
      wf.state = m[2] === 'enable' ? 'active' : 'disabled_manually';
      return { status: 204, body: {}, headers: {} };
    }
    if (method === 'GET' && (m = /^\/contents\/(.+)$/.exec(rest))) {
      const path = m[1]!.split('/').map(decodeURIComponent).join('/');
      const wf = repo.workflows.find((w) => w.path === path);
      if (!wf) return fail(404, 'Not Found');
      const sha = createHash('sha1').update(wf.yaml).digest('hex');
      const content = Buffer.from(wf.yaml).toString('base64').replace(/(.{60})/g, '$1\n');
      return ok({ type: 'file', encoding: 'base64', size: wf.yaml.length, name: path.split('/').pop(), path, content, sha });
    }
    if (method === 'GET' && (m = /^\/actions\/jobs\/(\d+)\/logs$/.exec(rest))) {
      // 302 to a signed URL on the log host, valid for a minute; no log until the job has completed. // docs/vendors.md G12
      const job = this.logs.job(repo.full, Number(m[1]));
      if (!job || job.status !== 'completed') return fail(404, 'Not Found');
      return { status: 302, body: {}, headers: { location: this.logs.location(job.id, origin) } };
    }
    if ((m = /^\/actions\/runs\/(\d+)(?:\/attempts\/(\d+))?(\/jobs|\/rerun)?$/.exec(rest))) {
      const run = this.state.runs.get(Number(m[1]));
      if (!run || run.repo !== repo.full) return fail(404, 'Not Found');
      const a = m[2] ? run.attempts[Number(m[2]) - 1] : run.attempts.at(-1);
      if (!a) return fail(404, 'Not Found');
      if (method === 'POST' && m[3] === '/rerun' && !m[2]) {
        const refused = this.state.rerunRefusal(run.id); // docs/vendors.md G4–G7
        if (refused) return fail(refused.status, refused.message);
        this.state.rerun(run.id);
        return ok({}, 201);
      }
      if (method === 'GET' && m[3] === '/jobs') return ok({ total_count: a.jobs.length, jobs: a.jobs.map((j) => ({ ...j, run_id: run.id, run_attempt: a.attempt })) });
      if (method === 'GET' && !m[3]) return ok(this.publicRun(run, a, origin));
    }
    return fail(404, 'Not Found');
  }

  private publicWorkflow(full: string, w: FakeWorkflow, origin: string): Json {
    return {
      ...w, yaml: undefined, node_id: `W_${w.id}`, url: `${origin}/repos/${full}/actions/workflows/${w.id}`,
      html_url: `https://github.com/${full}/blob/main/${w.path}`, badge_url: `https://github.com/${full}/workflows/${encodeURIComponent(w.name)}/badge.svg`,
    };
  }

  private publicRun(run: FakeRun, a: FakeAttempt, origin: string): Json {
    const wf = this.state.repos.get(run.repo)!.workflows.find((w) => w.id === run.workflow_id);
    const api = `${origin}/repos/${run.repo}/actions/runs/${run.id}`;
    return {
      id: run.id, name: wf?.name ?? null, node_id: `WFR_${run.id}`, check_suite_id: run.id + 1, head_branch: run.head_branch, head_sha: run.head_sha,
      path: `${wf?.path ?? ''}@main`, display_title: `Commit ${run.head_sha.slice(0, 7)}`, run_number: run.run_number, event: run.event,
      status: a.status, conclusion: a.conclusion, workflow_id: run.workflow_id, url: api, html_url: `https://github.com/${run.repo}/actions/runs/${run.id}`,
      pull_requests: [], created_at: run.created_at, updated_at: a.updated_at, actor: { login: 'octocat', id: 1 }, run_attempt: a.attempt,
      referenced_workflows: [], run_started_at: a.run_started_at, triggering_actor: { login: 'octocat', id: 1 }, jobs_url: `${api}/jobs`,
      logs_url: `${api}/logs`, check_suite_url: `${origin}/repos/${run.repo}/check-suites/${run.id + 1}`, artifacts_url: `${api}/artifacts`,
      cancel_url: `${api}/cancel`, rerun_url: `${api}/rerun`, previous_attempt_url: a.attempt > 1 ? `${api}/attempts/${a.attempt - 1}` : null,
      workflow_url: `${origin}/repos/${run.repo}/actions/workflows/${run.workflow_id}`, repository: { id: this.state.repos.get(run.repo)!.id, full_name: run.repo },
    };
  }

  /** Link paging with the page faults applied. */
  private paged(url: URL, origin: string, items: Json[], key: string): ListAnswer {
    const { page, perPage } = pageParams(url);
    const params = new URLSearchParams(url.searchParams);
    params.delete('page');
    const listKey = `${url.pathname}?${params.toString()}`;
    let answer: ListAnswer | null = null;
    if (this.pendingSwap && this.pendingSwap.key === listKey && this.pendingSwap.page === page) {
      answer = this.pendingSwap.answer;
      this.pendingSwap = null;
    }
    const own = pageOf(origin, url, items, key, page, perPage, items.length);
    const dup = answer ? undefined : this.take('duplicate-page');
    const swap = answer || dup ? undefined : this.take('swap-pages');
    if (dup && page > 1 && this.lastPage.has(listKey)) {
      dup.left -= 1;
      answer = this.lastPage.get(listKey)!;
    } else if (swap && items.length > page * perPage) {
      swap.left -= 1;
      const nextUrl = new URL(url);
      nextUrl.searchParams.set('page', String(page + 1));
      const next = pageOf(origin, nextUrl, items, key, page + 1, perPage, items.length);
      this.pendingSwap = { key: listKey, page: page + 1, answer: { ...next, body: own.body } };
      answer = { ...own, body: next.body };
    }
    answer ??= own;
    this.lastPage.set(listKey, answer);
    return { ...answer, headers: { ...answer.headers } };
  }
}
