import { ledgerId, parseRoute, type Route } from '../../app/routes.ts';
import type { UrlSync } from '../../app/url-state.ts';
import { useRegistryStore, type RegistryFilters, type RegistryState } from './registry-store.ts';

type WorkflowsRoute = Extract<Route, { page: 'workflows' }>;

/** The list's state filter, kept while a workflow is open (its address does not carry the list's filters). */
let listState: WorkflowsRoute['list']['state'] = null;

/** The workflow the page shows (or was asked for and could not find), as the address names it. */
export function openWorkflowOf(s: Pick<RegistryState, 'selectedId' | 'missingId'>): string | null {
  return s.selectedId !== null ? String(s.selectedId) : s.missingId;
}

/** The number of the version whose changes are shown, or null. */
export function openVersionOf(s: Pick<RegistryState, 'detail' | 'diff'>): number | null {
  if (!s.diff || !s.detail) return null;
  const toId = s.diff.toId;
  return s.detail.versions.find((v) => v.id === toId)?.number ?? null;
}

function filtersOf(list: WorkflowsRoute['list']): RegistryFilters {
  return { text: list.q, vendor: list.vendor, environment: list.env, owner: list.owner, withFindings: list.findings };
}

function sameFilters(a: RegistryFilters, b: RegistryFilters): boolean {
  return a.text === b.text && a.vendor === b.vendor && a.environment === b.environment && a.owner === b.owner && a.withFindings === b.withFindings;
}

/**
 * `#/workflows?vendor=n8n&tab=lint` (the list), `#/workflows/7` (one workflow) and `#/workflows/7/versions/3` (what
 * changed in its version 3). The `state` filter lives in the address only (the Workflows page reads it there).
 */
export const WORKFLOWS_URL: UrlSync<RegistryState, WorkflowsRoute> = {
  page: 'workflows',
  store: useRegistryStore,
  apply(route, s) {
    if (route.id === null) {
      listState = route.list.state;
      const want = filtersOf(route.list);
      if (!sameFilters(s.filters, want)) s.setFilters(want);
      if (route.list.tab !== s.tab) s.setTab(route.list.tab);
      if (openWorkflowOf(s) !== null) s.select(null);
      return;
    }
    const id = ledgerId(route.id);
    if (id === null) {
      if (openWorkflowOf(s) !== route.id) s.showMissing(route.id);
      return;
    }
    const version = route.version !== null ? { number: route.version } : route.diffVersionId !== null ? { id: route.diffVersionId } : null;
    if (openWorkflowOf(s) === route.id) {
      if (version === null) return s.closeDiff();
      if ('number' in version && version.number === openVersionOf(s)) return;
    }
    void s.focus(id, version);
  },
  toRoute(s) {
    const current = parseRoute(window.location.hash);
    if (current.page === 'workflows' && current.id === null) listState = current.list.state;
    return {
      page: 'workflows',
      id: openWorkflowOf(s),
      version: openVersionOf(s),
      diffVersionId: null,
      list: { ...filtersToQuery(s.filters), state: listState, tab: s.tab },
    };
  },
  opens: (s, previous) => openWorkflowOf(previous) === null && openWorkflowOf(s) !== null,
};

function filtersToQuery(f: RegistryFilters): Omit<WorkflowsRoute['list'], 'state' | 'tab'> {
  return { q: f.text, vendor: f.vendor, env: f.environment, owner: f.owner, findings: f.withFindings };
}
