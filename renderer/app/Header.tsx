import { getBridge } from '../lib/bridge-types.ts';
import { signOut } from '../lib/serve-session.ts';
import { useSystemStore } from '../lib/system-store.ts';
import { AccessLevel } from '../ui/AccessLevel.tsx';
import { pageInfo, type PageId } from './routes.ts';

export function Header({ page }: { page: PageId }) {
  const demo = useSystemStore((s) => s.status?.demo ?? false);
  const actor = useSystemStore((s) => s.status?.actor ?? null);
  const served = getBridge() === undefined;
  return (
    <header className="header">
      <h1 className="page-title">{pageInfo(page).label}</h1>
      <div className="header-side">
        {demo ? (
          <span className="demo-badge" data-testid="demo-badge" title="Flowdeck is showing a simulated business. None of these runs are real.">
            Demo
            <span className="demo-badge-note">sample data</span>
          </span>
        ) : null}
        <AccessLevel />
        {actor ? <span className="header-actor" title="Actions you take are recorded under this name">{actor}</span> : null}
        {/* A browser on a served Flowdeck signs out here; the desktop app has no session to end. */}
        {served ? <button type="button" className="button button-small button-quiet" data-testid="sign-out" onClick={() => void signOut()}>Sign out</button> : null}
      </div>
    </header>
  );
}
