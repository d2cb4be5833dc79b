import { ledgerId, type Route } from '../../app/routes.ts';
import type { UrlSync } from '../../app/url-state.ts';
import { useIncidentsStore, type IncidentsState } from './store.ts';

type IncidentsRoute = Extract<Route, { page: 'incidents' }>;

/** The incident the page shows (or was asked for and could not find), as the address names it. */
export function openIncidentOf(s: Pick<IncidentsState, 'selectedId' | 'missingId'>): string | null {
  return s.selectedId !== null ? String(s.selectedId) : s.missingId;
}

/** `#/incidents/12?view=resolved`: which incidents are listed and which one is open. */
export const INCIDENTS_URL: UrlSync<IncidentsState, IncidentsRoute> = {
  page: 'incidents',
  store: useIncidentsStore,
  apply(route, s) {
    if (route.view !== s.view) s.setView(route.view);
    if (route.id === openIncidentOf(s)) return;
    if (route.id === null) return s.select(null);
    const id = ledgerId(route.id);
    if (id === null) s.showMissing(route.id);
    else s.select(id);
  },
  toRoute: (s) => ({ page: 'incidents', id: openIncidentOf(s), view: s.view }),
  opens: (s, previous) => openIncidentOf(previous) === null && openIncidentOf(s) !== null,
};
