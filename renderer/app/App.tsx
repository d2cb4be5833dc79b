import { OverviewPage } from '../features/overview/components/OverviewPage.tsx';
import { RunsPage } from '../features/runs/components/RunsPage.tsx';
import { useSystemLive } from '../features/system/hooks.ts';
import { ComingSoon } from './ComingSoon.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { Header } from './Header.tsx';
import { pageInfo, type PageId } from './routes.ts';
import { Sidebar } from './Sidebar.tsx';
import { useHashRoute } from './useHashRoute.ts';

function Page({ page }: { page: PageId }) {
  if (page === 'overview') return <OverviewPage />;
  if (page === 'runs') return <RunsPage />;
  return <ComingSoon page={pageInfo(page)} />;
}

export function App() {
  const page = useHashRoute();
  useSystemLive();
  return (
    <div className="app">
      <Sidebar current={page} />
      <div className="main">
        <Header page={page} />
        <ConnectionBanner />
        <main className="content">
          <Page page={page} />
        </main>
      </div>
    </div>
  );
}
