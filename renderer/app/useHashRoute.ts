import { parseHash, type PageId } from './routes.ts';
import { useHash } from './url-state.ts';

/** The current page from `location.hash` (`#/runs`); re-renders on navigation. */
export function useHashRoute(): PageId {
  return parseHash(useHash());
}
