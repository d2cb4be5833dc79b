import type { PageInfo } from './routes.ts';
import { PageIcon } from './Icons.tsx';

/** The honest empty state of a page that is not built yet: what it will show, and that it is not here yet. */
export function ComingSoon({ page }: { page: PageInfo }) {
  return (
    <section className="empty-state page-pad" data-testid={`${page.id}-page`}>
      <div className="empty-icon"><PageIcon page={page.id} /></div>
      <h2>The {page.label} page is not available yet</h2>
      <p>{page.comingSoon}</p>
      <p className="muted">Nothing on this page is filled in with made-up data: it stays empty until the feature exists.</p>
    </section>
  );
}
