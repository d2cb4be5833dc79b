import type { OverviewOutput } from '../../../../core/contract/monitoring.ts';
import { formatCount } from '../../../lib/format.ts';

function Cell({ label, value, tone, note, testId }: { label: string; value: string; tone: string; note: string; testId: string }) {
  return (
    <div className={`health-cell tone-${tone}`} data-testid={testId} title={note}>
      <div className="health-value">{value}</div>
      <div className="health-label">{label}</div>
    </div>
  );
}

/** Workflows by failure rate over the last 24 hours, connectors that need attention, incidents. */
export function HealthStrip({ health }: { health: OverviewOutput['health'] }) {
  return (
    <div className="health-strip" data-testid="health-strip" aria-label="Health in the last 24 hours">
      <Cell label="OK" value={formatCount(health.ok)} tone="success" note="Under 5 % of runs failed in the last 24 hours" testId="health-ok" />
      <Cell label="Degraded" value={formatCount(health.degraded)} tone="warning" note="5–20 % of runs failed in the last 24 hours" testId="health-degraded" />
      <Cell label="Failing" value={formatCount(health.failing)} tone="danger" note="20 % or more of runs failed in the last 24 hours" testId="health-failing" />
      <Cell label="Quiet" value={formatCount(health.quiet)} tone="neutral" note="No run in the last 24 hours" testId="health-quiet" />
      <Cell label="Connectors needing attention" value={formatCount(health.connectorsNeedingAttention)}
        tone={health.connectorsNeedingAttention ? 'danger' : 'neutral'} note="Connections that cannot fetch runs" testId="health-connectors" />
      <a className="health-link" href="#/incidents" data-testid="health-incidents-link">
        <Cell label="Open incidents" value={health.openIncidents === null ? '—' : formatCount(health.openIncidents)}
          tone={health.openIncidents ? 'danger' : 'neutral'}
          note={health.openIncidents === null ? 'Alerting is not available in this console' : 'Incidents not yet resolved (open or acknowledged)'} testId="health-incidents" />
      </a>
    </div>
  );
}
