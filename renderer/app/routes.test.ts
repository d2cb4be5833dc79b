import { describe, expect, it } from 'vitest';
import {
  EMPTY_RUNS_QUERY, EMPTY_WORKFLOWS_QUERY, PAGE_IDS, PAGES, formatRoute, hrefFor, incidentHref, ledgerId, parseHash, parseRoute,
  routeOf, runHref, workflowHref, type Route,
} from './routes.ts';
import { PAGE_VIEWS } from './page-views.ts';

describe('hash routes', () => {
  it('round-trips every page and falls back to the Overview', () => {
    for (const id of PAGE_IDS) expect(parseHash(hrefFor(id))).toBe(id);
    for (const id of PAGE_IDS) expect(parseRoute(hrefFor(id))).toEqual(routeOf(id));
    expect(parseHash('')).toBe('overview');
    expect(parseHash('#/nope')).toBe('overview');
    expect(parseHash('#/runs/123')).toBe('runs');
    expect(parseHash('#runs')).toBe('runs');
  });

  it('every page has a view that loads on first visit', () => {
    expect(Object.keys(PAGE_VIEWS).sort()).toEqual(PAGES.map((p) => p.id).sort());
  });
});

describe('route model', () => {
  const routes: [string, Route][] = [
    ['#/runs?run=42', { page: 'runs', query: { ...EMPTY_RUNS_QUERY, run: '42' } }],
    ['#/runs?status=running,failed&connector=c1&workflow=7&range=7d&q=invalid+grant&run=5', {
      page: 'runs',
      query: { statuses: ['running', 'failed'], connector: 'c1', workflow: 7, range: '7d', from: null, to: null, q: 'invalid grant', run: '5' },
    }],
    ['#/runs?from=1700000000000&to=1700003600000', { page: 'runs', query: { ...EMPTY_RUNS_QUERY, from: 1_700_000_000_000, to: 1_700_003_600_000 } }],
    ['#/runs?from=1700000000000', { page: 'runs', query: { ...EMPTY_RUNS_QUERY, from: 1_700_000_000_000 } }],
    ['#/incidents/12', { page: 'incidents', id: '12', view: 'active' }],
    ['#/incidents?view=resolved', { page: 'incidents', id: null, view: 'resolved' }],
    ['#/incidents/3?view=all', { page: 'incidents', id: '3', view: 'all' }],
    ['#/workflows/7', { page: 'workflows', id: '7', version: null, diffVersionId: null, list: EMPTY_WORKFLOWS_QUERY }],
    ['#/workflows/7/versions/3', { page: 'workflows', id: '7', version: 3, diffVersionId: null, list: EMPTY_WORKFLOWS_QUERY }],
    ['#/workflows/7?diff=42', { page: 'workflows', id: '7', version: null, diffVersionId: 42, list: EMPTY_WORKFLOWS_QUERY }],
    ['#/workflows?state=failing&q=sync&vendor=n8n&env=production&owner=ana&findings=1&tab=lint', {
      page: 'workflows', id: null, version: null, diffVersionId: null,
      list: { state: 'failing', q: 'sync', vendor: 'n8n', env: 'production', owner: 'ana', findings: true, tab: 'lint' },
    }],
    ['#/errors?range=30d&q=timeout', { page: 'errors', period: { range: '30d', from: null, to: null }, q: 'timeout' }],
    ['#/errors?from=5&to=9', { page: 'errors', period: { range: null, from: 5, to: 9 }, q: '' }],
    ['#/sla?range=90d', { page: 'sla', period: { range: '90d', from: null, to: null } }],
    ['#/settings', { page: 'settings' }],
  ];

  it.each(routes)('%s parses, and formats back to the same address', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
    expect(formatRoute(route)).toBe(hash);
  });

  it('keeps an id as the address names it (a vendor-looking id reaches the page, which says it is not found)', () => {
    expect(parseRoute('#/runs?run=gh_run-8812')).toMatchObject({ query: { run: 'gh_run-8812' } });
    expect(parseRoute('#/incidents/Inc_A-1')).toMatchObject({ id: 'Inc_A-1' });
    expect(ledgerId('gh_run-8812')).toBeNull();
    expect(ledgerId('0')).toBeNull();
    expect(ledgerId('007')).toBeNull();
    expect(ledgerId('9'.repeat(17))).toBeNull();
    expect(ledgerId('42')).toBe(42);
  });

  it('drops what it cannot use: unknown statuses, ranges and views, malformed ids and times', () => {
    expect(parseRoute('#/runs?status=bogus,failed&range=1y&workflow=x&from=abc&run=a/b')).toEqual({ page: 'runs', query: { ...EMPTY_RUNS_QUERY, statuses: ['failed'] } });
    expect(parseRoute('#/incidents/..?view=everything')).toEqual({ page: 'incidents', id: null, view: 'active' });
    expect(parseRoute('#/incidents/%E0%A4%A')).toEqual({ page: 'overview' });
    expect(parseRoute('#/workflows/7/versions/x')).toMatchObject({ id: '7', version: null });
    expect(parseRoute('#/workflows?state=fine')).toMatchObject({ list: { state: null } });
    expect(parseRoute('#/sla?range=all')).toEqual({ page: 'sla', period: { range: null, from: null, to: null } });
    // A custom window wins over a relative range, and statuses come back in their canonical order.
    expect(formatRoute(parseRoute('#/runs?range=7d&from=10&status=failed,running'))).toBe('#/runs?status=running,failed&from=10');
  });

  it('reads what the desktop shell and notifications send (electron/main/deep-link.ts, core/desktop/tray-state.ts)', () => {
    expect(parseRoute('#/runs?run=42')).toEqual({ page: 'runs', query: { ...EMPTY_RUNS_QUERY, run: '42' } });
    expect(parseRoute('#/incidents/9')).toEqual({ page: 'incidents', id: '9', view: 'active' });
  });

  it('builds item links', () => {
    expect(runHref(42)).toBe('#/runs?run=42');
    expect(runHref(42, { statuses: ['failed'], workflow: 7 })).toBe('#/runs?status=failed&workflow=7&run=42');
    expect(incidentHref(12)).toBe('#/incidents/12');
    expect(workflowHref(7)).toBe('#/workflows/7');
    expect(workflowHref(7, 3)).toBe('#/workflows/7/versions/3');
  });
});
