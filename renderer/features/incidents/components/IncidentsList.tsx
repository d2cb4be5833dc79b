import { formatAgo } from '../../../lib/format.ts';
import { useNow } from '../../../lib/useNow.ts';
import { useIncidentsStore } from '../store.ts';
import { IncidentStatusBadge, SeverityBadge } from './SeverityBadge.tsx';

/** Open incidents first, most severe first: severity, target, since, last notified. */
export function IncidentsList() {
  const items = useIncidentsStore((s) => s.items);
  const selectedId = useIncidentsStore((s) => s.selectedId);
  const select = useIncidentsStore((s) => s.select);
  const now = useNow();
  if (!items.length) {
    return <div className="empty-state" data-testid="incidents-empty"><h2>No incidents</h2><p className="muted">Nothing needs your attention. Rules keep watching.</p></div>;
  }
  return (
    <table className="incidents-table" data-testid="incidents-list">
      <thead><tr><th>Severity</th><th>Target</th><th>Rule</th><th>Status</th><th>Since</th><th>Last notified</th></tr></thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.id} data-testid="incident-row" data-incident-id={i.id} data-rule={i.ruleName} className={i.id === selectedId ? 'selected' : undefined}
            onClick={() => select(i.id)} tabIndex={0} onKeyDown={(e) => { if (e.key === 'Enter') select(i.id); }}>
            <td><SeverityBadge severity={i.severity} /></td>
            <td><strong>{i.targetName}</strong><div className="muted small">{i.summary}</div></td>
            <td>{i.ruleName}</td>
            <td><IncidentStatusBadge status={i.status} testId="incident-row-status" /></td>
            <td>{formatAgo(i.openedAt, now)}</td>
            <td>{i.lastNotifiedAt ? formatAgo(i.lastNotifiedAt, now) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
