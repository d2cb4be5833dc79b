import type { OverviewIncident } from '../../../../core/contract/monitoring.ts';
import { useShallow } from 'zustand/react/shallow';
import { useStatesStore } from '../../../lib/states-store.ts';
import { useOverviewStore } from '../store.ts';
import { HealthStrip } from './HealthStrip.tsx';
import { NeedsYou } from './NeedsYou.tsx';
import { PageError } from '../../../ui/PageError.tsx';
import { PageLoading } from '../../../ui/PageLoading.tsx';
import { RecentIncidents } from './RecentIncidents.tsx';
import { StateTiles } from './StateTiles.tsx';

/** Unresolved incidents first, and resolved ones only to fill the card up to four (the rest is on the Incidents page). */
function recentFirst(incidents: readonly OverviewIncident[]): OverviewIncident[] {
  const active = incidents.filter((i) => i.status !== 'resolved');
  return [...active, ...incidents.filter((i) => i.status === 'resolved')].slice(0, Math.max(4, active.length));
}

/** The top of the Overview: what is true now (the live state per workflow), independent of the charts' range. */
export function NowSection() {
  const { data, phase, error, reload } = useStatesStore(useShallow((s) => ({ data: s.data, phase: s.phase, error: s.error, reload: s.reload })));
  const overview = useOverviewStore((s) => s.data);
  return (
    <section className="now-section" data-testid="now-section" aria-label="Now">
      {phase === 'error' && !data ? <PageError what="the state of your workflows" message={error} onRetry={() => void reload()} /> : null}
      {!data && phase !== 'error' ? <PageLoading what="the state of your workflows" /> : null}
      {data ? <NeedsYou data={data} /> : null}
      <div className="now-strip">
        {data ? <StateTiles counts={data.counts} /> : null}
        {overview ? <HealthStrip health={overview.health} /> : null}
      </div>
      {overview ? (
        <section className="card">
          <header className="card-head">
            <h2>Recent incidents</h2>
            <a className="button button-small button-quiet" href="#/incidents">All incidents</a>
          </header>
          <RecentIncidents incidents={recentFirst(overview.recentIncidents ?? [])} />
        </section>
      ) : null}
    </section>
  );
}
