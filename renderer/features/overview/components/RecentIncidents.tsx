import type { OverviewIncident } from '../../../../core/contract/monitoring.ts';
import { incidentHref } from '../../../app/routes.ts';
import { formatWhen } from '../../../lib/format.ts';
import { useNow } from '../../../lib/useNow.ts';

/** The newest incidents, any status; a click opens it on the Incidents page (which reads the incident from the address). */
export function RecentIncidents({ incidents }: { incidents: readonly OverviewIncident[] }) {
  const now = useNow();
  if (!incidents.length) return <p className="muted" data-testid="recent-incidents-empty">No incidents yet.</p>;
  return (
    <ul className="recent-failures" data-testid="recent-incidents">
      {incidents.map((i) => (
        <li key={i.id} data-testid="recent-incident" data-status={i.status} data-severity={i.severity}>
          <a href={incidentHref(i.id)}>{i.targetName}</a>
          <span className="muted small"> · {i.ruleName} · {i.status} · opened {formatWhen(i.openedAt, now)}</span>
          <div className="muted small">{i.summary}</div>
        </li>
      ))}
    </ul>
  );
}
