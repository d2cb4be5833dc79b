import { RUN_STATUSES, type RunStatus } from '../../core/contract/runs.ts';
import { WORKFLOW_STATES, type WorkflowStateKind } from '../../core/contract/states.ts';

export const PAGE_IDS = ['overview', 'runs', 'errors', 'sla', 'reports', 'usage', 'workflows', 'map', 'incidents', 'connectors', 'audit', 'settings'] as const;
export type PageId = (typeof PAGE_IDS)[number];

export interface PageInfo {
  id: PageId;
  label: string;
}

export const PAGES: readonly PageInfo[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'runs', label: 'Runs' },
  { id: 'errors', label: 'Errors' },
  { id: 'sla', label: 'SLA' },
  { id: 'reports', label: 'Reports' },
  { id: 'usage', label: 'Usage' },
  { id: 'workflows', label: 'Workflows' },
  { id: 'map', label: 'Map' },
  { id: 'incidents', label: 'Incidents' },
  { id: 'connectors', label: 'Connectors' },
  { id: 'audit', label: 'Audit log' },
  { id: 'settings', label: 'Settings' },
];

export function pageInfo(id: PageId): PageInfo {
  return PAGES.find((p) => p.id === id) ?? PAGES[0]!;
}

/** Relative ranges the Runs filter offers in the address (absent: all time; `from`/`to`: a custom range). */
export const RUNS_RANGES = ['24h', '7d', '30d'] as const;
/** Relative ranges of the Errors and SLA pages (absent: the page's default; `from`/`to`: a custom range). */
export const PERIOD_RANGES = ['24h', '7d', '30d', '90d'] as const;
export const INCIDENT_VIEWS = ['active', 'resolved', 'all'] as const;

/** A time window: a relative range, or a custom [from, to) in epoch ms (either end may be open). Null range and ends: the page's default. */
export interface Period<R extends string> { range: R | null; from: number | null; to: number | null }

/** `#/runs?status=failed,running&connector=c1&workflow=7&range=7d&q=timeout&run=42` */
export interface RunsQuery extends Period<(typeof RUNS_RANGES)[number]> {
  statuses: RunStatus[];
  connector: string | null;
  workflow: number | null;
  /** Full-text search of error messages. */
  q: string;
  /** The open run, as the address names it (the page checks that it is a ledger id). */
  run: string | null;
}

/** `#/workflows?state=failing&q=…&vendor=n8n&env=production&owner=…&findings=1&tab=lint` (the list's filters). */
export interface WorkflowsQuery {
  /** Only workflows in this live state (the Overview's tiles link here). */
  state: WorkflowStateKind | null;
  q: string;
  vendor: string;
  env: string;
  owner: string;
  findings: boolean;
  tab: 'workflows' | 'lint';
}

export type Route =
  | { page: 'overview' | 'reports' | 'usage' | 'connectors' | 'audit' | 'settings' | 'map' }
  | { page: 'runs'; query: RunsQuery }
  /** `#/incidents`, `#/incidents/12`, `?view=resolved`. */
  | { page: 'incidents'; id: string | null; view: (typeof INCIDENT_VIEWS)[number] }
  /**
   * `#/workflows/7` opens a workflow, `#/workflows/7/versions/3` also shows what changed in its version 3. The older
   * `#/workflows/7?diff=<version id>` is still read.
   */
  | { page: 'workflows'; id: string | null; version: number | null; diffVersionId: number | null; list: WorkflowsQuery }
  | { page: 'errors'; period: Period<(typeof PERIOD_RANGES)[number]>; q: string }
  | { page: 'sla'; period: Period<(typeof PERIOD_RANGES)[number]> };

export const EMPTY_RUNS_QUERY: RunsQuery = { statuses: [], connector: null, workflow: null, range: null, from: null, to: null, q: '', run: null };
export const EMPTY_WORKFLOWS_QUERY: WorkflowsQuery = { state: null, q: '', vendor: '', env: '', owner: '', findings: false, tab: 'workflows' };
const NO_PERIOD = { range: null, from: null, to: null } as const;

/** The route a page opens on when the address says nothing more than its name. */
export function routeOf(page: PageId): Route {
  switch (page) {
    case 'runs': return { page, query: EMPTY_RUNS_QUERY };
    case 'incidents': return { page, id: null, view: 'active' };
    case 'workflows': return { page, id: null, version: null, diffVersionId: null, list: EMPTY_WORKFLOWS_QUERY };
    case 'errors': return { page, period: NO_PERIOD, q: '' };
    case 'sla': return { page, period: NO_PERIOD };
    default: return { page };
  }
}

/** An item id as the address may carry it: 1 to 64 of [A-Za-z0-9_-] (what flowdeck:// links allow). */
const ITEM_ID = /^[A-Za-z0-9_-]{1,64}$/;
const itemId = (value: string | null | undefined): string | null => (value && ITEM_ID.test(value) ? value : null);

/** A ledger id (a positive integer) from an address id, or null when the id cannot name a ledger row. */
export function ledgerId(id: string | null): number | null {
  if (id === null || !/^[1-9]\d{0,15}$/.test(id)) return null;
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : null;
}

function positiveInt(value: string | null): number | null {
  return value === null ? null : ledgerId(value);
}

function epoch(value: string | null): number | null {
  if (value === null || !/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}

function oneOf<T extends string>(list: readonly T[], value: string | null): T | null {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : null;
}

function parsePeriod<R extends string>(p: URLSearchParams, ranges: readonly R[]): Period<R> {
  const from = epoch(p.get('from'));
  const to = epoch(p.get('to'));
  if (from !== null || to !== null) return { range: null, from, to };
  return { range: oneOf(ranges, p.get('range')), from: null, to: null };
}

function setPeriod(p: URLSearchParams, period: Period<string>): void {
  if (period.from !== null || period.to !== null) {
    if (period.from !== null) p.set('from', String(period.from));
    if (period.to !== null) p.set('to', String(period.to));
  } else if (period.range !== null) {
    p.set('range', period.range);
  }
}

/** Splits `#/a/b?x=1` into path segments and a query. */
function split(hash: string): { segments: string[]; params: URLSearchParams } {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const path = q < 0 ? body : body.slice(0, q);
  let segments: string[];
  try {
    segments = path.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  } catch {
    segments = [];
  }
  return { segments, params: new URLSearchParams(q < 0 ? '' : body.slice(q + 1)) };
}

/** The route an address names; anything unknown lands on the Overview. Unknown or malformed parameters are dropped. */
export function parseRoute(hash: string): Route {
  const { segments, params: p } = split(hash);
  const page = (PAGE_IDS as readonly string[]).includes(segments[0] ?? '') ? (segments[0] as PageId) : 'overview';
  switch (page) {
    case 'runs': {
      const statuses = (p.get('status') ?? '').split(',').filter((s): s is RunStatus => (RUN_STATUSES as readonly string[]).includes(s));
      return {
        page,
        query: {
          ...parsePeriod(p, RUNS_RANGES),
          statuses: RUN_STATUSES.filter((s) => statuses.includes(s)),
          connector: p.get('connector') || null,
          workflow: positiveInt(p.get('workflow')),
          q: p.get('q') ?? '',
          run: itemId(p.get('run')),
        },
      };
    }
    case 'incidents':
      return { page, id: itemId(segments[1]), view: oneOf(INCIDENT_VIEWS, p.get('view')) ?? 'active' };
    case 'workflows': {
      const id = itemId(segments[1]);
      const version = id !== null && segments[2] === 'versions' ? positiveInt(segments[3] ?? null) : null;
      return {
        page, id, version,
        diffVersionId: id !== null && version === null ? positiveInt(p.get('diff')) : null,
        list: {
          state: oneOf(WORKFLOW_STATES, p.get('state')),
          q: p.get('q') ?? '', vendor: p.get('vendor') ?? '', env: p.get('env') ?? '', owner: p.get('owner') ?? '',
          findings: p.get('findings') === '1', tab: p.get('tab') === 'lint' ? 'lint' : 'workflows',
        },
      };
    }
    case 'errors':
      return { page, period: parsePeriod(p, PERIOD_RANGES), q: p.get('q') ?? '' };
    case 'sla':
      return { page, period: parsePeriod(p, PERIOD_RANGES) };
    default:
      return { page };
  }
}

function withQuery(path: string, p: URLSearchParams): string {
  const query = p.toString().replace(/%2C/g, ',');
  return query ? `${path}?${query}` : path;
}

/** The address of a route: the inverse of parseRoute for every route it returns. */
export function formatRoute(route: Route): string {
  const p = new URLSearchParams();
  switch (route.page) {
    case 'runs': {
      const r = route.query;
      if (r.statuses.length) p.set('status', RUN_STATUSES.filter((s) => r.statuses.includes(s)).join(','));
      if (r.connector) p.set('connector', r.connector);
      if (r.workflow !== null) p.set('workflow', String(r.workflow));
      setPeriod(p, r);
      if (r.q) p.set('q', r.q);
      if (r.run !== null) p.set('run', r.run);
      return withQuery('#/runs', p);
    }
    case 'incidents':
      if (route.view !== 'active') p.set('view', route.view);
      return withQuery(route.id === null ? '#/incidents' : `#/incidents/${route.id}`, p);
    case 'workflows': {
      const l = route.list;
      if (route.id !== null) {
        if (route.version !== null) return `#/workflows/${route.id}/versions/${route.version}`;
        if (route.diffVersionId !== null) p.set('diff', String(route.diffVersionId));
        return withQuery(`#/workflows/${route.id}`, p);
      }
      if (l.state) p.set('state', l.state);
      if (l.q) p.set('q', l.q);
      if (l.vendor) p.set('vendor', l.vendor);
      if (l.env) p.set('env', l.env);
      if (l.owner) p.set('owner', l.owner);
      if (l.findings) p.set('findings', '1');
      if (l.tab === 'lint') p.set('tab', 'lint');
      return withQuery('#/workflows', p);
    }
    case 'errors':
      setPeriod(p, route.period);
      if (route.q) p.set('q', route.q);
      return withQuery('#/errors', p);
    case 'sla':
      setPeriod(p, route.period);
      return withQuery('#/sla', p);
    default:
      return `#/${route.page}`;
  }
}

/** '#/runs?…' → 'runs'; anything unknown lands on the Overview. */
export function parseHash(hash: string): PageId {
  return parseRoute(hash).page;
}

export function hrefFor(id: PageId): string {
  return `#/${id}`;
}

/** The Runs page with one run open (and, when given, the list's filters behind it). */
export function runHref(runId: number | string, query: Partial<RunsQuery> = {}): string {
  return formatRoute({ page: 'runs', query: { ...EMPTY_RUNS_QUERY, ...query, run: String(runId) } });
}

export function incidentHref(incidentId: number | string): string {
  return formatRoute({ page: 'incidents', id: String(incidentId), view: 'active' });
}

/** A workflow's page; with a version number, what changed in that version. */
export function workflowHref(workflowId: number | string, version?: number): string {
  return formatRoute({ page: 'workflows', id: String(workflowId), version: version ?? null, diffVersionId: null, list: EMPTY_WORKFLOWS_QUERY });
}
