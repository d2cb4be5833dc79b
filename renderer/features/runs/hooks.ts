import { useEffect, type RefObject } from 'react';
import { useConnectorListStore } from '../../lib/connector-list-store.ts';
import { useWorkflowsStore } from '../../lib/workflows-store.ts';
import type { Route } from '../../app/routes.ts';
import { useUrlSync, type UrlSync } from '../../app/url-state.ts';
import { useRunsStore, type RunsState } from './store.ts';
import { openRunOf, queryFromView, runIdOf, sameFilter, viewFromQuery } from './url.ts';

/** While the Runs page is shown: keep the log, and the connector and workflow lists behind its filters, fresh. */
export function useRunsLive(): void {
  const runs = useRunsStore((s) => s.activate);
  const connectors = useConnectorListStore((s) => s.activate);
  const workflows = useWorkflowsStore((s) => s.activate);
  useEffect(() => {
    const release = [runs(), connectors(), workflows()];
    return () => release.forEach((r) => r());
  }, [runs, connectors, workflows]);
}

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName);
}

/** j/k move the selection, Enter opens it, Esc closes the panel, `/` jumps to the search box. */
export function useRunsKeyboard(firstFilter: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey) return;
      const store = useRunsStore.getState();
      if (isTypingTarget(event.target)) {
        if (event.key === 'Escape' && event.target instanceof HTMLElement) event.target.blur();
        return;
      }
      const onControl = event.target instanceof HTMLElement && event.target.closest('button, a[href]') !== null;
      switch (event.key) {
        case 'j':
          store.moveSelection(1);
          break;
        case 'k':
          store.moveSelection(-1);
          break;
        case 'Enter':
          if (onControl || store.selectedId === null) return;
          void store.openDetail(store.selectedId);
          break;
        case 'Escape':
          if (store.detail.status === 'closed') return;
          store.closeDetail();
          break;
        case '/':
          firstFilter.current?.focus();
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [firstFilter]);
}

const RUNS_URL: UrlSync<RunsState, Extract<Route, { page: 'runs' }>> = {
  page: 'runs',
  store: useRunsStore,
  apply(route, s) {
    const want = viewFromQuery(route.query);
    if (!sameFilter(s.filter, want.filter) || s.search.trim() !== want.search) s.applyDrillDown(want.filter, want.search);
    if (want.run === openRunOf(s.detail)) return;
    if (want.run === null) return s.closeDetail();
    const id = runIdOf(want.run);
    if (id === null) s.showMissing(want.run);
    else void s.openDetail(id);
  },
  toRoute: (s) => ({ page: 'runs', query: queryFromView({ filter: s.filter, search: s.search, run: openRunOf(s.detail) }) }),
  // Opening a run is a new history entry (Back closes it); moving between runs and editing filters are not.
  opens: (s, previous) => previous.detail.status === 'closed' && s.detail.status !== 'closed',
};

/**
 * The address holds the filters, the search and the open run (`#/runs?status=failed&workflow=7&run=42`): read when the
 * page opens and on navigation, written back as they change.
 */
export function useRunsUrl(): void {
  useUrlSync(RUNS_URL);
}
