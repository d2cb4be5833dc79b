import { ledgerId, type RunsQuery } from '../../app/routes.ts';
import { fromDateTimeLocal, toDateTimeLocal } from '../../lib/format.ts';
import { EMPTY_FILTER, type RunsFilterState } from './filters.ts';
import type { DetailState } from './store.ts';

/** What the Runs page shows, as the address holds it. */
export interface RunsView {
  filter: RunsFilterState;
  search: string;
  /** The open run as the address names it; null when the panel is closed. */
  run: string | null;
}

/**
 * The Runs view an address names. A custom window [from, to) becomes the minute-precision custom range that covers
 * it (the filter bar's pickers have minutes), so a chart bar's drill-down lists exactly its runs.
 */
export function viewFromQuery(q: RunsQuery): RunsView {
  const custom = q.from !== null || q.to !== null;
  return {
    filter: {
      ...EMPTY_FILTER,
      statuses: q.statuses,
      connectorId: q.connector,
      workflowId: q.workflow,
      range: custom ? 'custom' : (q.range ?? 'all'),
      customFrom: q.from !== null ? toDateTimeLocal(q.from) : '',
      customTo: q.to !== null ? toDateTimeLocal(q.to - 1) : '',
    },
    search: q.q,
    run: q.run,
  };
}

/** The address query for a Runs view: the inverse of viewFromQuery for every view it returns. */
export function queryFromView(v: RunsView): RunsQuery {
  const f = v.filter;
  const from = f.range === 'custom' ? fromDateTimeLocal(f.customFrom) : null;
  const to = f.range === 'custom' ? fromDateTimeLocal(f.customTo) : null;
  return {
    statuses: f.statuses,
    connector: f.connectorId,
    workflow: f.workflowId,
    range: f.range === 'custom' || f.range === 'all' ? null : f.range,
    from,
    // The picker's minute is included: the address holds the exclusive end.
    to: to === null ? null : to + 60_000,
    q: v.search.trim(),
    run: v.run,
  };
}

/** The open run as the address names it (a run the ledger does not have keeps the name it was asked by). */
export function openRunOf(detail: DetailState): string | null {
  return detail.status === 'closed' ? null : String(detail.id);
}

export function sameFilter(a: RunsFilterState, b: RunsFilterState): boolean {
  return a.statuses.join() === b.statuses.join() && a.connectorId === b.connectorId && a.workflowId === b.workflowId
    && a.range === b.range && (a.range !== 'custom' || (a.customFrom === b.customFrom && a.customTo === b.customTo));
}

/** The ledger id of a run the address names, or null when it cannot be one. */
export const runIdOf = ledgerId;
