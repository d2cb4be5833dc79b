import { describe, expect, it } from 'vitest';
import { EMPTY_RUNS_QUERY, formatRoute, parseRoute, type RunsQuery } from '../../app/routes.ts';
import { runsHref } from '../../lib/range.ts';
import { EMPTY_FILTER, toRunFilter } from './filters.ts';
import { queryFromView, sameFilter, viewFromQuery } from './url.ts';

const runsQuery = (hash: string): RunsQuery => {
  const route = parseRoute(hash);
  if (route.page !== 'runs') throw new Error(`not a runs address: ${hash}`);
  return route.query;
};

describe('the Runs view in the address', () => {
  it('round-trips a chart bar’s drill-down into the filter covering exactly [from, to)', () => {
    const from = new Date(2026, 10, 20, 14, 0).getTime();
    const to = from + 3 * 3_600_000;
    const view = viewFromQuery(runsQuery(runsHref({ status: 'failed', workflow: 7, from, to })));
    expect(view.filter).toMatchObject({ statuses: ['failed'], workflowId: 7, range: 'custom' });
    expect(toRunFilter(view.filter, 0)).toEqual({ statuses: ['failed'], workflowIds: [7], from, to });
    expect(queryFromView(view)).toEqual({ ...EMPTY_RUNS_QUERY, statuses: ['failed'], workflow: 7, from, to });
  });

  it('a single run’s window (Recent failures) still lists that run', () => {
    const at = new Date(2026, 10, 20, 14, 3, 27, 500).getTime();
    const f = toRunFilter(viewFromQuery(runsQuery(runsHref({ workflow: 3, status: 'failed', from: at, to: at + 1 }))).filter, 0);
    expect(f.from! <= at && at < f.to!).toBe(true);
  });

  it('every filter bar state survives a copied address', () => {
    const views = [
      { filter: EMPTY_FILTER, search: '', run: null },
      { filter: { ...EMPTY_FILTER, statuses: ['running', 'failed'] as const, connectorId: 'n8n-1', workflowId: 12, range: '7d' as const }, search: 'invalid_grant', run: '42' },
      { filter: { ...EMPTY_FILTER, range: 'custom' as const, customFrom: '2026-03-01T08:15', customTo: '' }, search: '', run: null },
      { filter: { ...EMPTY_FILTER, range: 'custom' as const, customFrom: '2026-03-01T08:15', customTo: '2026-03-02T17:59' }, search: '', run: 'gh_run-1' },
    ].map((v) => ({ ...v, filter: { ...v.filter, statuses: [...v.filter.statuses] } }));
    for (const view of views) {
      const hash = formatRoute({ page: 'runs', query: queryFromView(view) });
      const back = viewFromQuery(runsQuery(hash));
      expect(sameFilter(back.filter, view.filter), hash).toBe(true);
      expect(back.search).toBe(view.search);
      expect(back.run).toBe(view.run);
    }
  });

  it('all time and an empty custom range are the same, bare address', () => {
    expect(formatRoute({ page: 'runs', query: queryFromView({ filter: EMPTY_FILTER, search: ' ', run: null }) })).toBe('#/runs');
    expect(formatRoute({ page: 'runs', query: queryFromView({ filter: { ...EMPTY_FILTER, range: 'custom' }, search: '', run: null }) })).toBe('#/runs');
  });

  it('tells filters apart', () => {
    expect(sameFilter(EMPTY_FILTER, { ...EMPTY_FILTER, statuses: ['failed'] })).toBe(false);
    expect(sameFilter({ ...EMPTY_FILTER, range: 'custom', customFrom: 'a' }, { ...EMPTY_FILTER, range: 'custom', customFrom: 'b' })).toBe(false);
    expect(sameFilter({ ...EMPTY_FILTER, range: '7d', customFrom: 'a' }, { ...EMPTY_FILTER, range: '7d', customFrom: 'b' })).toBe(true);
  });
});
