import type { RunSummary } from '../../../../core/contract/runs.ts';
import { formatWhen } from '../../../lib/format.ts';
import { useNow } from '../../../lib/useNow.ts';
import { runHref } from '../../../app/routes.ts';

export function RecentFailures({ runs }: { runs: RunSummary[] }) {
  const now = useNow();
  if (!runs.length) return <p className="muted">No failed runs in this range.</p>;
  return (
    <ul className="recent-failures" data-testid="recent-failures">
      {runs.map((r) => (
        <li key={r.id}>
          <a href={runHref(r.id, { statuses: ['failed'], workflow: r.workflowId })}>{r.workflowName}</a>
          <span className="muted small"> · {formatWhen(r.startedAt, now)}</span>
          {r.errorMessage ? <div className="error-line" title={r.errorMessage}>{r.errorMessage}</div> : null}
        </li>
      ))}
    </ul>
  );
}
