import { Suspense, useEffect } from 'react';
import { useBrowserNotifications } from '../features/incidents/notifications.ts';
import { DesktopSection } from '../features/settings/components/DesktopSection.tsx';
import { useDesktopModeStore } from '../lib/desktop-mode-store.ts';
import { useSystemLive } from '../lib/useSystemLive.ts';
import { useDisplayZone } from '../lib/display-zone.ts';
import { useServerClockKnown } from '../lib/server-clock.ts';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { StorageBanner } from './StorageBanner.tsx';
import { MuteBanner } from './MuteBanner.tsx';
import { Header } from './Header.tsx';
import { PAGE_VIEWS } from './page-views.ts';
import type { PageId } from './routes.ts';
import { Sidebar } from './Sidebar.tsx';
import { useHashRoute } from './useHashRoute.ts';

/** Each page's code loads when it is first opened, so the first page paints without the others' code (charts included). */
function Page({ page }: { page: PageId }) {
  const View = PAGE_VIEWS[page];
  return (
    <Suspense fallback={<p className="muted page-pad" aria-busy="true">Opening…</p>}>
      <View />
    </Suspense>
  );
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
  // A desktop attached to a team server and not signed in there has nothing to show but the way to sign in.
  useEffect(() => useDesktopModeStore.getState().activate(), []);
  const signedOutOfServer = useDesktopModeStore((s) => s.teamServerUrl !== null && s.status?.state === 'signed-out');
  return (
    <div className="app">
      <Sidebar current={page} />
      <div className="main">
        <Header page={page} />
        <ConnectionBanner />
        <StorageBanner />
        <MuteBanner />
        <main className="content">
          {signedOutOfServer ? <div className="page-pad" data-testid="team-server-sign-in"><DesktopSection /></div>
            : clockKnown && zoneKnown ? <Page key={zone} page={page} /> : <p className="muted page-pad" aria-busy="true">Connecting to Flowdeck…</p>}
        </main>
      </div>
    </div>
  );
}
