import { memo, type MouseEvent } from 'react';
import type { RunSummary } from '../../../../core/contract/runs.ts';
import { formatDuration, formatWhen } from '../../../lib/format.ts';
import { StatusBadge } from './StatusBadge.tsx';

interface Props {
  run: RunSummary;
  selected: boolean;
  now: number;
  top: number;
  onOpen: (id: number) => void;
  /** This run's address (the list's filters with the run open), for opening it in a new tab or copying it. */
  href: string;
}

/** A plain click opens the run here (the row does it); with a modifier or the middle button the browser opens the link. */
function plainClick(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey) event.preventDefault();
}

export function runRowDomId(id: number): string {
  return `run-row-${id}`;
}

/** One line of the execution log. Positioned by the virtualiser (a CSSOM transform, allowed by the CSP). */
export const RunRow = memo(function RunRow({ run, selected, now, top, onOpen, href }: Props) {
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
      <div role="gridcell" className="cell cell-workflow" title={run.workflowName}>
        <a href={href} className="run-link" tabIndex={-1} onClick={plainClick} data-testid="run-link">{run.workflowName}</a>
      </div>
      <div role="gridcell" className="cell cell-connector" title={run.connectorName}>{run.connectorName}</div>
      <div role="gridcell" className="cell cell-started">{formatWhen(run.startedAt, now)}</div>
      <div role="gridcell" className="cell cell-duration">{formatDuration(run.durationMs)}</div>
      <div role="gridcell" className="cell cell-error" title={run.errorMessage ?? undefined}>{run.errorMessage ?? ''}</div>
    </div>
  );
});
