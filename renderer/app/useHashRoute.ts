import { useSyncExternalStore } from 'react';
import { parseHash, type PageId } from './routes.ts';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current page from `location.hash` (`#/runs`); re-renders on navigation. */
export function useHashRoute(): PageId {
  return useSyncExternalStore(subscribe, () => parseHash(window.location.hash));
}
