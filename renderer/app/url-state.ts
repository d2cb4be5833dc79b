import { useEffect, useSyncExternalStore } from 'react';
import { formatRoute, parseRoute, type PageId, type Route } from './routes.ts';

/** Fired after the app itself changes the address with pushState/replaceState (neither fires hashchange). */
const ROUTE_EVENT = 'flowdeck:route';

/** Set between a history.back() this module asked for and the popstate that ends it. */
let goingBack = false;
window.addEventListener('popstate', () => { goingBack = false; });

function subscribe(onChange: () => void): () => void {
  const events = ['hashchange', 'popstate', ROUTE_EVENT];
  for (const e of events) window.addEventListener(e, onChange);
  return () => { for (const e of events) window.removeEventListener(e, onChange); };
}

/** The address's hash; re-renders on every navigation, Back and Forward included. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}

/**
 * Shows `route` in the address. `push` adds a history entry (opening an item, so Back returns to the list);
 * `replace` rewrites the current one (editing filters). Nothing happens when the address already says it.
 */
export function navigate(route: Route, mode: 'push' | 'replace'): void {
  const hash = formatRoute(route);
  if (goingBack || hash === window.location.hash) return;
  const from = (window.history.state as { flowdeckFrom?: unknown } | null)?.flowdeckFrom;
  // Closing an item returns to exactly the address it was opened from: go Back to that entry rather than writing a
  // second copy of it, so Back afterwards leaves the page instead of showing the same list again.
  if (mode === 'replace' && from === hash) {
    goingBack = true;
    window.history.back();
    return;
  }
  const url = `${window.location.pathname}${window.location.search}${hash}`;
  if (mode === 'push') window.history.pushState({ flowdeckFrom: window.location.hash }, '', url);
  else window.history.replaceState(window.history.state, '', url);
  window.dispatchEvent(new Event(ROUTE_EVENT));
}

interface Store<S> {
  getState(): S;
  subscribe(listener: (state: S, previous: S) => void): () => void;
}

export interface UrlSync<S, R extends Route> {
  page: R['page'] & PageId;
  store: Store<S>;
  /** Brings the store to what the address says (only what differs). */
  apply: (route: R, state: S) => void;
  /** The address for what the store holds now. */
  toRoute: (state: S) => R;
  /** Whether a change opens an item (a new history entry) rather than editing the view. */
  opens?: (state: S, previous: S) => boolean;
}

/**
 * Keeps a page's store and the address in step while the page is shown: the address is read when the page opens
 * and on every navigation (links, Back, Forward, the desktop shell's flowdeck:// links); what the store holds is
 * written back. A copied address therefore opens the same view in a fresh tab.
 */
export function useUrlSync<S, R extends Route>(sync: UrlSync<S, R>): void {
  const { page, store, apply, toRoute, opens } = sync;
  useEffect(() => {
    let applying = false;
    const onPage = () => parseRoute(window.location.hash).page === page;
    const write = (mode: 'push' | 'replace') => {
      if (onPage()) navigate(toRoute(store.getState()), mode);
    };
    const read = () => {
      const route = parseRoute(window.location.hash);
      if (route.page !== page) return;
      applying = true;
      try {
        apply(route as R, store.getState());
      } finally {
        applying = false;
      }
      write('replace');
    };
    const unsubscribe = store.subscribe((state, previous) => {
      if (!applying) write(opens?.(state, previous) ? 'push' : 'replace');
    });
    read();
    window.addEventListener('hashchange', read);
    window.addEventListener('popstate', read);
    return () => {
      unsubscribe();
      window.removeEventListener('hashchange', read);
      window.removeEventListener('popstate', read);
    };
    // The sync's functions are module-level constants of each page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [page, store]);
}
