import type { WorkflowSummary } from '../../../core/contract/catalog.ts';
import { RUN_STATUSES, type RunFilter, type RunStatus } from '../../../core/contract/runs.ts';
import { fromDateTimeLocal, toDateTimeLocal } from '../../lib/format.ts';

export const TIME_RANGES = ['24h', '7d', '30d', 'all', 'custom'] as const;
export type TimeRange = (typeof TIME_RANGES)[number];

export const TIME_RANGE_LABELS: Record<TimeRange, string> = {
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  all: 'All time',
  custom: 'Custom',
};

const RANGE_MS: Record<'24h' | '7d' | '30d', number> = {
  '24h': 24 * 3_600_000,
  '7d': 7 * 24 * 3_600_000,
  '30d': 30 * 24 * 3_600_000,
};

/** What the filter bar holds (UI vocabulary); `toRunFilter` turns it into the contract's RunFilter. */
export interface RunsFilterState {
  statuses: RunStatus[];
  connectorId: string | null;
  workflowId: number | null;
  range: TimeRange;
  /** datetime-local values (local time), used when range is 'custom'; '' means open-ended. */
  customFrom: string;
  customTo: string;
}

export const EMPTY_FILTER: RunsFilterState = {
  statuses: [],
  connectorId: null,
  workflowId: null,
  range: 'all',
  customFrom: '',
  customTo: '',
};

export function isFilterActive(f: RunsFilterState): boolean {
  const customSet = f.range === 'custom' && (f.customFrom !== '' || f.customTo !== '');
  return f.statuses.length > 0 || f.connectorId !== null || f.workflowId !== null
    || (f.range !== 'all' && f.range !== 'custom') || customSet;
}

/** The contract filter for the current UI state; `now` anchors the relative ranges. */
export function toRunFilter(f: RunsFilterState, now: number): RunFilter {
  const filter: RunFilter = {};
  if (f.statuses.length) filter.statuses = RUN_STATUSES.filter((s) => f.statuses.includes(s));
  if (f.connectorId !== null) filter.connectorIds = [f.connectorId];
  if (f.workflowId !== null) filter.workflowIds = [f.workflowId];
  if (f.range === '24h' || f.range === '7d' || f.range === '30d') {
    filter.from = Math.max(0, now - RANGE_MS[f.range]);
  } else if (f.range === 'custom') {
    const from = fromDateTimeLocal(f.customFrom);
    const to = fromDateTimeLocal(f.customTo);
    if (from !== null) filter.from = Math.max(0, from);
    // The picker has minute precision and the contract's `to` is exclusive: include the whole chosen minute.
    if (to !== null) filter.to = Math.max(0, to + 60_000);
  }
  return filter;
}

/** A plain-words problem with the custom range, or null when it is usable. */
export function customRangeProblem(f: RunsFilterState): string | null {
  if (f.range !== 'custom') return null;
  const from = fromDateTimeLocal(f.customFrom);
  const to = fromDateTimeLocal(f.customTo);
  if (f.customFrom !== '' && from === null) return 'The start date is not a valid date.';
  if (f.customTo !== '' && to === null) return 'The end date is not a valid date.';
  if (from !== null && to !== null && from > to) return 'The start is after the end, so no run can match.';
  return null;
}

export function toggleStatus(f: RunsFilterState, status: RunStatus): RunsFilterState {
  const statuses = f.statuses.includes(status) ? f.statuses.filter((s) => s !== status) : [...f.statuses, status];
  return { ...f, statuses: RUN_STATUSES.filter((s) => statuses.includes(s)) };
}

export function isFailedOnly(f: RunsFilterState): boolean {
  return f.statuses.length === 1 && f.statuses[0] === 'failed';
}

/** The quick toggle: on shows only failed runs; off clears the status filter. */
export function toggleFailedOnly(f: RunsFilterState): RunsFilterState {
  return { ...f, statuses: isFailedOnly(f) ? [] : ['failed'] };
}

/** Picking a connector keeps the workflow only when it belongs to that connector. */
export function withConnector(f: RunsFilterState, connectorId: string | null, workflows: readonly WorkflowSummary[]): RunsFilterState {
  const workflow = f.workflowId === null ? undefined : workflows.find((w) => w.id === f.workflowId);
  const keep = connectorId === null || (workflow !== undefined && workflow.connectorId === connectorId);
  return { ...f, connectorId, workflowId: keep ? f.workflowId : null };
}

/** Switching to 'custom' pre-fills the start with the last 24 hours so the fields are never blank and mysterious. */
export function withRange(f: RunsFilterState, range: TimeRange, now: number): RunsFilterState {
  if (range !== 'custom' || f.customFrom !== '' || f.customTo !== '') return { ...f, range };
  return { ...f, range, customFrom: toDateTimeLocal(now - RANGE_MS['24h']), customTo: '' };
}
