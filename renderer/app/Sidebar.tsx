import { useSystemStore } from '../lib/system-store.ts';
import { LogoMark, PageIcon } from './Icons.tsx';
import { PAGES, hrefFor, type PageId } from './routes.ts';

export function Sidebar({ current }: { current: PageId }) {
  const version = useSystemStore((s) => s.status?.version ?? null);
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <LogoMark />
        <span className="brand-name">Flowdeck</span>
      </div>
      <ul className="nav-list">
        {PAGES.map((page) => (
          <li key={page.id}>
            <a
              href={hrefFor(page.id)}
              className={page.id === current ? 'nav-link active' : 'nav-link'}
              aria-current={page.id === current ? 'page' : undefined}
              data-testid={`nav-${page.id}`}
            >
              <PageIcon page={page.id} />
              <span>{page.label}</span>
            </a>
          </li>
        ))}
      </ul>
      <div className="sidebar-foot">{version ? `Version ${version}` : ''}</div>
    </nav>
  );
}
