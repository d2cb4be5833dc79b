import { describe, expect, it } from 'vitest';
import type { WorkflowSummary } from '../../../core/contract/catalog.ts';
import { RunFilter } from '../../../core/contract/runs.ts';
import { fromDateTimeLocal } from '../../lib/format.ts';
import {
  EMPTY_FILTER, customRangeProblem, isFailedOnly, isFilterActive, toRunFilter, toggleFailedOnly, toggleStatus, withConnector,
  withRange, type RunsFilterState,
} from './filters.ts';

const NOW = Date.UTC(2024, 5, 3, 12, 0);
const DAY = 86_400_000;

describe('toRunFilter', () => {
  it('sends nothing for the empty filter', () => {
    expect(toRunFilter(EMPTY_FILTER, NOW)).toEqual({});
    expect(isFilterActive(EMPTY_FILTER)).toBe(false);
  });

  it('maps every control to the contract and the result passes the contract schema', () => {
    const f: RunsFilterState = { ...EMPTY_FILTER, statuses: ['failed', 'warning'], connectorId: 'n8n-1', workflowId: 7, range: '7d' };
    const filter = toRunFilter(f, NOW);
    expect(filter).toEqual({ statuses: ['warning', 'failed'], connectorIds: ['n8n-1'], workflowIds: [7], from: NOW - 7 * DAY });
    expect(RunFilter.parse(filter)).toEqual(filter);
    expect(isFilterActive(f)).toBe(true);
  });

  it.each([['24h', DAY], ['7d', 7 * DAY], ['30d', 30 * DAY]] as const)('%s starts that long before now', (range, span) => {
    expect(toRunFilter({ ...EMPTY_FILTER, range }, NOW)).toEqual({ from: NOW - span });
  });

  it('custom range: local start, end inclusive of its whole minute (the contract end is exclusive)', () => {
    const f = { ...EMPTY_FILTER, range: 'custom' as const, customFrom: '2024-06-01T08:00', customTo: '2024-06-02T17:30' };
    expect(toRunFilter(f, NOW)).toEqual({
      from: fromDateTimeLocal('2024-06-01T08:00'),
      to: fromDateTimeLocal('2024-06-02T17:30')! + 60_000,
    });
    expect(customRangeProblem(f)).toBeNull();
  });

  it('custom range with open ends or invalid dates sends only what is usable, and says what is wrong', () => {
    const open = { ...EMPTY_FILTER, range: 'custom' as const, customFrom: '', customTo: '' };
    expect(toRunFilter(open, NOW)).toEqual({});
    expect(isFilterActive(open)).toBe(false);
    const bad = { ...open, customFrom: '2024-13-01T00:00' };
    expect(toRunFilter(bad, NOW)).toEqual({});
    expect(customRangeProblem(bad)).toBe('The start date is not a valid date.');
    const reversed = { ...open, customFrom: '2024-06-02T00:00', customTo: '2024-06-01T00:00' };
    expect(customRangeProblem(reversed)).toMatch(/start is after the end/);
  });
});

describe('status toggles', () => {
  it('toggles chips and keeps the contract order', () => {
    let f = toggleStatus(EMPTY_FILTER, 'missed');
    f = toggleStatus(f, 'queued');
    expect(f.statuses).toEqual(['queued', 'missed']);
    expect(toggleStatus(f, 'queued').statuses).toEqual(['missed']);
  });

  it('the Failed quick toggle shows only failed runs, and clears the status filter when turned off', () => {
    const on = toggleFailedOnly({ ...EMPTY_FILTER, statuses: ['success', 'failed'] });
    expect(on.statuses).toEqual(['failed']);
    expect(isFailedOnly(on)).toBe(true);
    expect(toggleFailedOnly(on).statuses).toEqual([]);
    expect(isFailedOnly({ ...EMPTY_FILTER, statuses: ['failed', 'warning'] })).toBe(false);
  });
});

describe('withConnector / withRange', () => {
  const wf = (id: number, connectorId: string): WorkflowSummary =>
    ({ id, connectorId, externalId: String(id), name: `wf${id}`, active: true, archived: false });
  const workflows = [wf(1, 'a'), wf(2, 'b')];

  it('keeps the workflow only if it belongs to the chosen connector', () => {
    const f = { ...EMPTY_FILTER, workflowId: 1 };
    expect(withConnector(f, 'a', workflows)).toMatchObject({ connectorId: 'a', workflowId: 1 });
    expect(withConnector(f, 'b', workflows)).toMatchObject({ connectorId: 'b', workflowId: null });
    expect(withConnector(f, null, workflows)).toMatchObject({ connectorId: null, workflowId: 1 });
  });

  it('switching to custom pre-fills the last 24 hours once; other ranges keep what was typed', () => {
    const custom = withRange(EMPTY_FILTER, 'custom', NOW);
    expect(fromDateTimeLocal(custom.customFrom)).toBe(Math.floor((NOW - DAY) / 60_000) * 60_000);
    expect(custom.customTo).toBe('');
    const typed = { ...custom, customFrom: '2024-01-01T00:00' };
    expect(withRange(withRange(typed, '7d', NOW), 'custom', NOW).customFrom).toBe('2024-01-01T00:00');
  });
});
