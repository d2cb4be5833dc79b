export const PAGE_IDS = ['overview', 'runs', 'errors', 'sla', 'workflows', 'incidents', 'connectors', 'audit', 'settings'] as const;
export type PageId = (typeof PAGE_IDS)[number];

export interface PageInfo {
  id: PageId;
  label: string;
  /** For pages not built yet: what the page will show, in plain words. */
  comingSoon?: string;
}

export const PAGES: readonly PageInfo[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'runs', label: 'Runs' },
  { id: 'errors', label: 'Errors' },
  { id: 'sla', label: 'SLA' },
  { id: 'workflows', label: 'Workflows' },
  { id: 'incidents', label: 'Incidents' },
  { id: 'connectors', label: 'Connectors' },
  { id: 'audit', label: 'Audit log' },
  { id: 'settings', label: 'Settings' },
];

export function pageInfo(id: PageId): PageInfo {
  return PAGES.find((p) => p.id === id) ?? PAGES[0]!;
}

/** '#/runs' → 'runs'; anything unknown lands on the Overview. */
export function parseHash(hash: string): PageId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (PAGE_IDS as readonly string[]).includes(id) ? (id as PageId) : 'overview';
}

export function hrefFor(id: PageId): string {
  return `#/${id}`;
}
