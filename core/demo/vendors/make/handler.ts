import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultPlan } from '../faults.ts';
import { FAKE_TIMEZONES, runScenario, startScenario, stopScenario } from './control.ts';
import type { FakeChange, FakeLog, FakeMakeState, FakeScenario } from './state.ts';

/**
 * Request handler of the fake Make zone API (`/api/v2`, docs/vendors.md M16, M19, R2): `Authorization: Token`, `pg[offset]` /
 * `pg[limit]` paging with the `pg` echo, logs newest first within `from`/`to` (ms), the organisation's
 * per-minute limit (429 with Make's message), error bodies `{ message, detail?, code? }`.
 * Vendor faults on paged lists: a replayed previous page, or two pages answered in swapped order.
 */
export interface PageFault {
  kind: 'duplicate-page' | 'swap-pages';
  /** Which lists it applies to (path without query); default all paged lists. */
  match?: (path: string) => boolean;
  times?: number;
}

export const LIMIT_MESSAGE = 'Requests limit for organization exceeded, please try again later.';

type Json = Record<string, unknown>;
type Answer = { status: number; body: Json };

const ok = (body: Json): Answer => ({ status: 200, body });
const fail = (status: number, message: string, detail?: string, code?: string): Answer =>
  ({ status, body: { message, ...(detail ? { detail } : {}), ...(code ? { code } : {}) } });

function publicLog(l: FakeLog | FakeChange): Json {
  if (l.type === 'modify') {
    const { scenarioId: _s, ...change } = l as FakeChange;
    return change;
  }
  const { scenarioId: _s, error: _e, check: _c, ...rest } = l as FakeLog;
  return rest;
}

function publicScenario(s: FakeScenario): Json {
  const { blueprint: _b, organizationId: _o, rank: _r, ...rest } = s;
  return rest;
}

/** Sort keys the fake accepts in `pg[sortBy]` (an assumption: Make's per-resource list is not documented). docs/vendors.md M13 */
const SORTABLE: Record<string, (s: FakeScenario) => number | string> = { id: (s) => s.id, name: (s) => s.name, lastEdit: (s) => s.lastEdit, created: (s) => s.created };

export class MakeHandler {
  readonly state: FakeMakeState;
  readonly faults: FaultPlan;
  readonly pageFaults: (PageFault & { left: number })[] = [];
  private readonly lastPage = new Map<string, Answer>();
  private pendingSwap: { key: string; offset: number; answerOffset: number } | null = null;

  constructor(state: FakeMakeState, faults: FaultPlan) {
    this.state = state;
    this.faults = faults;
  }

  addPageFault(f: PageFault): void {
    this.pageFaults.push({ ...f, left: f.times ?? 1 });
  }

  handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    const arrival = { at: this.state.clock.now(), method: req.method ?? 'GET', path: req.url ?? '/', status: 0 };
    this.state.arrivals.push(arrival);
    this.state.checkRevoke();
    if (this.faults.apply(req, res)) return;
    const answer = this.route(req, body);
    arrival.status = answer.status;
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(answer.body));
  }

  private route(req: IncomingMessage, body: string): Answer {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (!url.pathname.startsWith('/api/v2/')) return fail(404, 'Not found');
    const path = url.pathname.slice('/api/v2'.length);
    const auth = /^Token (.+)$/.exec(req.headers.authorization ?? '');
    const token = auth ? this.state.tokens.get(auth[1]!) : undefined;
    if (!token || token.revoked) return fail(401, 'Access denied.', 'Invalid access token.', 'SC401');
    if (!this.state.admit(token.orgId)) return fail(429, LIMIT_MESSAGE);
    const method = req.method ?? 'GET';
    const q = url.searchParams;
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/users/me') return ok({ authUser: { id: 7, name: 'Owner', email: token.user, language: 'en' } });
    if (method === 'GET' && path === '/organizations') {
      const org = this.state.orgs.get(token.orgId);
      return ok({ organizations: org ? [{ id: org.id, name: org.name, zone: org.zone, timezoneId: org.timezoneId }] : [], pg: { limit: 10, offset: 0 } });
    }
    if (method === 'GET' && (m = /^\/organizations\/(\d+)$/.exec(path))) {
      const org = this.state.orgs.get(Number(m[1]));
      if (!org || org.id !== token.orgId) return fail(404, 'Organization not found.');
      return ok({ organization: { id: org.id, name: org.name, zone: org.zone, timezoneId: org.timezoneId, license: { apiLimit: org.apiLimit } } });
    }
    // docs/vendors.md M11: the organisation's numeric timezoneId resolves here.
    if (method === 'GET' && path === '/enums/timezones') return ok({ timezones: FAKE_TIMEZONES });
    if (method === 'GET' && path === '/scenarios') return this.paged(url, path, () => this.scenarioList(q, token.orgId));
    if ((m = /^\/scenarios\/(\d+)(\/.*)?$/.exec(path))) {
      const s = this.state.scenarios.get(Number(m[1]));
      if (!s || s.organizationId !== token.orgId) return fail(404, 'Scenario not found.');
      return this.scenarioRoute(method, m[2] ?? '', s, url, body, token.scopes);
    }
    return fail(404, 'Not found');
  }

  private scenarioList(q: URLSearchParams, orgId: number): FakeScenario[] | Answer {
    const org = Number(q.get('organizationId'));
    const team = Number(q.get('teamId'));
    if (!org && !team) return fail(400, 'Validation failed.', 'Either organizationId or teamId is required.', 'IM003');
    if ((org && org !== orgId) || (team && this.state.orgs.get(orgId)?.teamId !== team)) return fail(403, 'Access denied.', 'You do not have access to this organization.');
    const mine = [...this.state.scenarios.values()].filter((s) => s.organizationId === orgId);
    // docs/vendors.md M13: without pg[sortBy], Make's proprietary order, descending; it moves as scenarios run.
    const sortBy = q.get('pg[sortBy]');
    const dir = q.get('pg[sortDir]') ?? 'asc';
    if (sortBy === null) return mine.sort((a, b) => b.rank - a.rank || b.id - a.id);
    const key = SORTABLE[sortBy];
    if (!key || (dir !== 'asc' && dir !== 'desc')) return fail(400, 'Validation failed.', `Cannot sort scenarios by ${sortBy} ${dir}.`, 'IM003');
    const sign = dir === 'asc' ? 1 : -1;
    return mine.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return sign * (x < y ? -1 : x > y ? 1 : 0) || sign * (a.id - b.id);
    });
  }

  private scenarioRoute(method: string, rest: string, s: FakeScenario, url: URL, body: string, scopes: string[]): Answer {
    const q = url.searchParams;
    let m: RegExpExecArray | null;
    if (method === 'GET' && rest === '') return ok({ scenario: publicScenario(s) });
    if (method === 'GET' && rest === '/logs') {
      return this.paged(url, `/scenarios/${s.id}/logs`, () => {
        const from = q.has('from') ? Number(q.get('from')) : -Infinity;
        const to = q.has('to') ? Number(q.get('to')) : Infinity;
        const status = q.has('status') ? Number(q.get('status')) : null;
        // docs/vendors.md M3: trigger checks that found nothing only with showCheckRuns=true.
        const checks = q.get('showCheckRuns') === 'true';
        const runs = this.state.sortedLogs(s.id).filter((l) => {
          const t = Date.parse(l.timestamp);
          return t >= from && t <= to && (status === null || l.status === status) && (checks || !l.check);
        });
        // docs/vendors.md M5: change-log entries come mixed in (no status, so a status filter leaves them out).
        const changes = status !== null ? [] : (this.state.changes.get(s.id) ?? []).filter((c) => {
          const t = Date.parse(c.timestamp);
          return t >= from && t <= to;
        });
        return [...runs, ...changes].sort((a, b) => (a.imtId < b.imtId ? 1 : a.imtId > b.imtId ? -1 : 0));
      }, 'scenarioLogs');
    }
    if (method === 'GET' && (m = /^\/logs\/([^/]+)$/.exec(rest))) {
      const log = this.state.logs.get(s.id)?.find((l) => l.id === decodeURIComponent(m![1]!));
      return log ? ok({ scenarioLog: publicLog(log) }) : fail(404, 'Execution log not found.');
    }
    if (method === 'GET' && (m = /^\/executions\/([^/]+)$/.exec(rest))) {
      const log = this.state.logs.get(s.id)?.find((l) => l.id === decodeURIComponent(m![1]!));
      if (!log) return fail(404, 'Execution not found.');
      const word = ['RUNNING', 'SUCCESS', 'WARNING', 'ERROR'][log.status]!;
      return ok({ status: word, outputs: {}, ...(log.error ? { error: log.error } : {}) });
    }
    if (method === 'GET' && rest === '/blueprint') return ok({ code: 'OK', response: { blueprint: s.blueprint, scheduling: s.scheduling } });
    // docs/vendors.md M9: control routes refuse as Make does.
    if (method === 'POST' && rest === '/start') return startScenario(this.state, s, scopes);
    if (method === 'POST' && rest === '/stop') return stopScenario(this.state, s, scopes);
    if (method === 'POST' && rest === '/run') return runScenario(this.state, s, scopes, body);
    return fail(404, 'Not found');
  }

  /** `pg[offset]`/`pg[limit]` paging with the page faults applied. */
  private paged(url: URL, path: string, all: () => unknown[] | Answer, key = 'scenarios'): Answer {
    const items = all();
    if (!Array.isArray(items)) return items;
    const q = url.searchParams;
    const limit = q.has('pg[limit]') ? Number(q.get('pg[limit]')) : 10;
    const offset = q.has('pg[offset]') ? Number(q.get('pg[offset]')) : 0;
    if (!Number.isInteger(limit) || limit < 1 || limit > this.state.maxLimit || !Number.isInteger(offset) || offset < 0) {
      return fail(400, 'Validation failed.', `pg[limit] must be 1–${this.state.maxLimit} and pg[offset] a non-negative integer.`, 'IM003');
    }
    const params = new URLSearchParams(q);
    params.delete('pg[offset]');
    const listKey = `${path}?${params.toString()}`;
    const page = (o: number): Answer => {
      const slice = items.slice(o, o + limit);
      return ok({ [key]: key === 'scenarios' ? (slice as FakeScenario[]).map(publicScenario) : (slice as (FakeLog | FakeChange)[]).map(publicLog), pg: { limit, offset: o } });
    };
    let answer: Answer | null = null;
    if (this.pendingSwap && this.pendingSwap.key === listKey && this.pendingSwap.offset === offset) {
      answer = page(this.pendingSwap.answerOffset);
      this.pendingSwap = null;
    }
    const fault = answer ? undefined : this.pageFaults.find((f) => f.left > 0 && (!f.match || f.match(path)));
    if (fault?.kind === 'duplicate-page' && offset > 0 && this.lastPage.has(listKey)) {
      fault.left -= 1;
      answer = this.lastPage.get(listKey)!;
    } else if (fault?.kind === 'swap-pages' && items.length >= offset + 2 * limit) {
      fault.left -= 1;
      this.pendingSwap = { key: listKey, offset: offset + limit, answerOffset: offset };
      answer = page(offset + limit);
    }
    answer ??= page(offset);
    this.lastPage.set(listKey, answer);
    return answer;
  }
}
