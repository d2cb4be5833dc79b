import { useEffect } from 'react';
import { ErrorsPage } from '../features/errors/components/ErrorsPage.tsx';
import { ConnectorsPage } from '../features/connectors/components/ConnectorsPage.tsx';
import { OverviewPage } from '../features/overview/components/OverviewPage.tsx';
import { SlaPage } from '../features/sla/components/SlaPage.tsx';
import { AuditPage } from '../features/audit/components/AuditPage.tsx';
import { IncidentsPage } from '../features/incidents/components/IncidentsPage.tsx';
import { useBrowserNotifications } from '../features/incidents/notifications.ts';
import { SettingsPage } from '../features/settings/components/SettingsPage.tsx';
import { RunsPage } from '../features/runs/components/RunsPage.tsx';
import { WorkflowsPage } from '../features/workflows/components/WorkflowsPage.tsx';
import { useSystemLive } from '../features/system/hooks.ts';
import { useDisplayZone } from '../lib/display-zone.ts';
import { useServerClockKnown } from '../lib/server-clock.ts';
import { ComingSoon } from './ComingSoon.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { StorageBanner } from './StorageBanner.tsx';
import { MuteBanner } from './MuteBanner.tsx';
import { Header } from './Header.tsx';
import { pageInfo, type PageId } from './routes.ts';
import { Sidebar } from './Sidebar.tsx';
import { useHashRoute } from './useHashRoute.ts';

function Page({ page }: { page: PageId }) {
  if (page === 'overview') return <OverviewPage />;
  if (page === 'runs') return <RunsPage />;
  if (page === 'connectors') return <ConnectorsPage />;
  if (page === 'errors') return <ErrorsPage />;
  if (page === 'sla') return <SlaPage />;
  if (page === 'incidents') return <IncidentsPage />;
  if (page === 'audit') return <AuditPage />;
  if (page === 'settings') return <SettingsPage />;
  if (page === 'workflows') return <WorkflowsPage />;
  return <ComingSoon page={pageInfo(page)} />;
}

export function App() {
  const page = useHashRoute();
  // Pages measure "now" on the core's clock, so they open once it has been read (one call at connection).
  const clockKnown = useServerClockKnown();
  // …and in the display time zone from Settings. A page is drawn afresh when the zone changes (rare), so every time it shows follows.
  const zone = useDisplayZone((s) => s.zone);
  const zoneKnown = useDisplayZone((s) => s.known);
  useEffect(() => useDisplayZone.getState().activate(), []);
  useSystemLive();
  useBrowserNotifications();
  return (
    <div className="app">
      <Sidebar current={page} />
      <div className="main">
        <Header page={page} />
        <ConnectionBanner />
        <StorageBanner />
        <MuteBanner />
        <main className="content">
          {clockKnown && zoneKnown ? <Page key={zone} page={page} /> : <p className="muted page-pad" aria-busy="true">Connecting to Flowdeck…</p>}
        </main>
      </div>
    </div>
  );
}
