import '../../../ui/field.css';
import type { Ref } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { RUN_STATUSES } from '../../../../core/contract/runs.ts';
import { serverNow } from '../../../lib/server-clock.ts';
import { useConnectorListStore } from '../../../lib/connector-list-store.ts';
import { useWorkflowsStore } from '../../../lib/workflows-store.ts';
import {
  TIME_RANGES, TIME_RANGE_LABELS, customRangeProblem, isFailedOnly, isFilterActive, toggleFailedOnly, toggleStatus,
  withConnector, withRange,
} from '../filters.ts';
import { STATUS_META } from '../status.ts';
import { useRunsStore } from '../store.ts';
import { WorkflowSelect } from './WorkflowSelect.tsx';

const SHORT_RANGE: Record<(typeof TIME_RANGES)[number], string> = { '24h': '24 h', '7d': '7 days', '30d': '30 days', all: 'All', custom: 'Custom' };

export function RunsFilters({ firstFilterRef }: { firstFilterRef: Ref<HTMLButtonElement> }) {
  const filter = useRunsStore((s) => s.filter);
  const { setFilter, clearFilters } = useRunsStore(useShallow((s) => ({ setFilter: s.setFilter, clearFilters: s.clearFilters })));
  const connectors = useConnectorListStore((s) => s.items);
  const workflows = useWorkflowsStore((s) => s.items);
  const failedOnly = isFailedOnly(filter);
  const problem = customRangeProblem(filter);

  return (
    <div className="filters" role="search" aria-label="Filter runs">
      <div className="filter-row">
        <button
          ref={firstFilterRef}
          type="button"
          className={failedOnly ? 'failed-toggle on' : 'failed-toggle'}
          aria-pressed={failedOnly}
          data-testid="filter-failed"
          onClick={() => setFilter(toggleFailedOnly(filter))}
          title="Show only failed runs (press / to jump here)"
        >
          Failed only
        </button>
        <div className="chip-group" role="group" aria-label="Status">
          {RUN_STATUSES.map((status) => {
            const on = filter.statuses.includes(status);
            return (
              <button
                key={status}
                type="button"
                className={`chip tone-${STATUS_META[status].tone}${on ? ' on' : ''}`}
                aria-pressed={on}
                data-testid={`filter-status-${status}`}
                title={STATUS_META[status].meaning}
                onClick={() => setFilter(toggleStatus(filter, status))}
              >
                {STATUS_META[status].label}
              </button>
            );
          })}
        </div>
      </div>
      <div className="filter-row">
        <label className="field">
          <span className="field-label">Connector</span>
          <select
            value={filter.connectorId ?? ''}
            data-testid="filter-connector"
            onChange={(e) => setFilter(withConnector(filter, e.target.value || null, workflows))}
          >
            <option value="">All connectors</option>
            {connectors.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </label>
        <WorkflowSelect
          value={filter.workflowId}
          connectorId={filter.connectorId}
          connectors={connectors}
          workflows={workflows}
          onChange={(workflowId) => setFilter({ ...filter, workflowId })}
        />
        <div className="field">
          <span className="field-label" id="range-label">Time</span>
          <div className="segmented" role="group" aria-labelledby="range-label">
            {TIME_RANGES.map((range) => (
              <button
                key={range}
                type="button"
                className={filter.range === range ? 'segment on' : 'segment'}
                aria-pressed={filter.range === range}
                title={TIME_RANGE_LABELS[range]}
                data-testid={`filter-range-${range}`}
                onClick={() => setFilter(withRange(filter, range, serverNow()))}
              >
                {SHORT_RANGE[range]}
              </button>
            ))}
          </div>
        </div>
        {filter.range === 'custom' ? (
          <>
            <label className="field">
              <span className="field-label">From</span>
              <input type="datetime-local" value={filter.customFrom} onChange={(e) => setFilter({ ...filter, customFrom: e.target.value })} />
            </label>
            <label className="field">
              <span className="field-label">To</span>
              <input type="datetime-local" value={filter.customTo} onChange={(e) => setFilter({ ...filter, customTo: e.target.value })} />
            </label>
          </>
        ) : null}
        {isFilterActive(filter) ? (
          <button type="button" className="button button-quiet clear-filters" onClick={clearFilters} data-testid="filter-clear">
            Clear filters
          </button>
        ) : null}
      </div>
      {problem ? <p className="filter-problem" role="alert">{problem}</p> : null}
    </div>
  );
}
