import { describe, expect, it } from 'vitest';
import { fromDateTimeLocal } from '../../lib/format.ts';
import { runsHref } from '../overview/range.ts';
import { parseDrillDown } from './drill-down.ts';
import { toRunFilter } from './filters.ts';

describe('drill-down from the address', () => {
  it('round-trips a chart bar into the Runs filter covering exactly [from, to)', () => {
    const from = new Date(2026, 10, 20, 14, 0).getTime();
    const to = from + 3 * 3_600_000;
    const drill = parseDrillDown(runsHref({ status: 'failed', workflow: 7, from, to }))!;
    expect(drill.filter).toMatchObject({ statuses: ['failed'], workflowId: 7, range: 'custom' });
    expect(toRunFilter(drill.filter, 0)).toEqual({ statuses: ['failed'], workflowIds: [7], from, to });
  });

  it('carries a connector and a search, ignores unknown statuses, and is null without a query', () => {
    const drill = parseDrillDown('#/runs?status=failed,bogus&connector=c1&q=invalid_grant')!;
    expect(drill).toMatchObject({ search: 'invalid_grant', filter: { statuses: ['failed'], connectorId: 'c1', range: 'all' } });
    expect(parseDrillDown('#/runs')).toBeNull();
    expect(fromDateTimeLocal(parseDrillDown(`#/runs?from=${Date.UTC(2026, 0, 1)}`)!.filter.customFrom)).toBe(Date.UTC(2026, 0, 1));
  });
});
