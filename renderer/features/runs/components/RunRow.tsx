import { memo } from 'react';
import type { RunSummary } from '../../../../core/contract/runs.ts';
import { formatDuration, formatWhen } from '../../../lib/format.ts';
import { StatusBadge } from './StatusBadge.tsx';

interface Props {
  run: RunSummary;
  selected: boolean;
  now: number;
  top: number;
  onOpen: (id: number) => void;
}

export function runRowDomId(id: number): string {
  return `run-row-${id}`;
}

/** One line of the execution log. Positioned by the virtualiser (a CSSOM transform, allowed by the CSP). */
export const RunRow = memo(function RunRow({ run, selected, now, top, onOpen }: Props) {
  return (
    <div
      id={runRowDomId(run.id)}
      role="row"
      aria-selected={selected}
      className={selected ? 'run-row selected' : 'run-row'}
      data-testid="run-row"
      data-status={run.status}
      data-run-id={run.id}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onOpen(run.id)}
    >
      <div role="gridcell" className="cell cell-status"><StatusBadge status={run.status} /></div>
      <div role="gridcell" className="cell cell-workflow" title={run.workflowName}>{run.workflowName}</div>
      <div role="gridcell" className="cell cell-connector" title={run.connectorName}>{run.connectorName}</div>
      <div role="gridcell" className="cell cell-started">{formatWhen(run.startedAt, now)}</div>
      <div role="gridcell" className="cell cell-duration">{formatDuration(run.durationMs)}</div>
      <div role="gridcell" className="cell cell-error" title={run.errorMessage ?? undefined}>{run.errorMessage ?? ''}</div>
    </div>
  );
});
