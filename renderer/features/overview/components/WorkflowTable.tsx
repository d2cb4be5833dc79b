import type { WorkflowFigure } from '../../../../core/contract/monitoring.ts';
import { formatCount, formatDuration } from '../../../lib/format.ts';
import { runsHref } from '../../../lib/range.ts';

/** Top failing or slowest workflows; every row drills into the Runs page for that workflow and range. */
export function WorkflowTable({ rows, kind, from, to, testId }: { rows: WorkflowFigure[]; kind: 'failing' | 'slowest'; from: number; to: number; testId: string }) {
  if (!rows.length) return <p className="muted">{kind === 'failing' ? 'No failed runs in this range.' : 'No finished runs in this range.'}</p>;
  return (
    <table className="data-table" data-testid={testId}>
      <thead>
        <tr>
          <th>Workflow</th>
          {kind === 'failing' ? <><th className="num">Failed</th><th className="num">Rate</th></> : <><th className="num">p50</th><th className="num">p95</th></>}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.workflowId} data-testid={`${testId}-row`}>
            <td>
              <a href={runsHref({ workflow: r.workflowId, from, to, ...(kind === 'failing' ? { status: 'failed' } : {}) })}>{r.workflowName}</a>
              <div className="muted small">{r.connectorName}</div>
            </td>
            {kind === 'failing' ? (
              <><td className="num">{formatCount(r.failed)}</td><td className="num">{r.failureRate === null ? '—' : `${(r.failureRate * 100).toFixed(1)} %`}</td></>
            ) : (
              <><td className="num">{formatDuration(r.p50Ms)}</td><td className="num">{formatDuration(r.p95Ms)}</td></>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
