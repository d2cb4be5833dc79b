export const PAGE_IDS = ['overview', 'runs', 'errors', 'workflows', 'incidents', 'connectors', 'settings'] as const;
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
  {
    id: 'errors',
    label: 'Errors',
    comingSoon: 'Errors will group failed runs that share the same cause, so you can see which problems happen most, since when, and in which workflows.',
  },
  {
    id: 'workflows',
    label: 'Workflows',
    comingSoon: 'Workflows will list every automation across your tools with its success rate, typical duration and when it last ran, including the ones that stopped running.',
  },
  {
    id: 'incidents',
    label: 'Incidents',
    comingSoon: 'Incidents will collect bursts of failures and missed schedules into one timeline, with who was alerted and when it was resolved.',
  },
  {
    id: 'connectors',
    label: 'Connectors',
    comingSoon: 'Connectors will let you connect n8n, Make, Zapier and GitHub Actions, and show whether each connection is healthy and when it last brought in runs.',
  },
  {
    id: 'settings',
    label: 'Settings',
    comingSoon: 'Settings will hold notifications, where your data is kept, and access for teammates.',
  },
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
