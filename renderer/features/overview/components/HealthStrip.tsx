import type { OverviewOutput } from '../../../../core/contract/monitoring.ts';
import { formatCount } from '../../../lib/format.ts';

/** Beside the state tiles: incidents not yet resolved and connectors that need attention, now (not the charts' range). */
export function HealthStrip({ health }: { health: OverviewOutput['health'] }) {
  const open = health.openIncidents;
  const connectors = health.connectorsNeedingAttention;
  return (
    <nav className="now-extras" data-testid="health-strip" aria-label="Incidents and connectors, now">
      <a className={`health-link health-cell tone-${open ? 'danger' : 'neutral'}`} href="#/incidents" data-testid="health-incidents-link">
        <div data-testid="health-incidents" title={open === null ? 'Alerting is not available in this console' : 'Incidents not yet resolved (open or acknowledged)'}>
          <div className="health-value">{open === null ? '—' : formatCount(open)}</div>
          <div className="health-label">Open incidents</div>
        </div>
      </a>
      <a className={`health-link health-cell tone-${connectors ? 'danger' : 'neutral'}`} href="#/connectors" data-testid="health-connectors"
        title="Connections that cannot fetch runs">
        <div className="health-value">{formatCount(connectors)}</div>
        <div className="health-label">Connector problems</div>
      </a>
    </nav>
  );
}
