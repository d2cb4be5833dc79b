import { RUN_STATUSES, type RunStatus } from '../../../core/contract/runs.ts';
import { toDateTimeLocal } from '../../lib/format.ts';
import { EMPTY_FILTER, type RunsFilterState } from './filters.ts';

/**
 * Reads a drill-down from the address: `#/runs?status=failed&from=…&to=…&workflow=…&connector=…&q=…` (epoch ms,
 * `to` exclusive). Null when the hash carries no query. The custom range keeps minute precision and covers [from, to).
 */
export function parseDrillDown(hash: string): { filter: RunsFilterState; search: string } | null {
  const i = hash.indexOf('?');
  if (i < 0) return null;
  const p = new URLSearchParams(hash.slice(i + 1));
  const statuses = (p.get('status') ?? '').split(',').filter((s): s is RunStatus => (RUN_STATUSES as readonly string[]).includes(s));
  const workflow = Number(p.get('workflow'));
  const from = Number(p.get('from'));
  const to = Number(p.get('to'));
  const hasFrom = p.has('from') && Number.isFinite(from);
  const hasTo = p.has('to') && Number.isFinite(to);
  return {
    filter: {
      ...EMPTY_FILTER,
      statuses,
      workflowId: Number.isInteger(workflow) && workflow > 0 ? workflow : null,
      connectorId: p.get('connector') || null,
      ...(hasFrom || hasTo ? { range: 'custom' as const, customFrom: hasFrom ? toDateTimeLocal(from) : '', customTo: hasTo ? toDateTimeLocal(to - 1) : '' } : {}),
    },
    search: p.get('q') ?? '',
  };
}
