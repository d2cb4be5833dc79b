import { periodFromRange, rangeFromPeriod, sameRange } from '../../app/period.ts';
import type { Route } from '../../app/routes.ts';
import type { UrlSync } from '../../app/url-state.ts';
import { serverNow } from '../../lib/server-clock.ts';
import { resolveRange } from '../../lib/range.ts';
import { ERRORS_DEFAULT_RANGE, useErrorSearchStore, useErrorsStore, type ErrorSearchState } from './store.ts';

type RangeState = ReturnType<typeof useErrorsStore.getState>;
interface ErrorsView { groups: RangeState; search: ErrorSearchState }

/** The Errors page's two stores (groups over a range, and the search) seen as one. */
const errorsView = {
  getState: (): ErrorsView => ({ groups: useErrorsStore.getState(), search: useErrorSearchStore.getState() }),
  subscribe(listener: (state: ErrorsView, previous: ErrorsView) => void): () => void {
    let previous = errorsView.getState();
    const changed = () => {
      const next = errorsView.getState();
      listener(next, previous);
      previous = next;
    };
    const stops = [useErrorsStore.subscribe(changed), useErrorSearchStore.subscribe(changed)];
    return () => stops.forEach((stop) => stop());
  },
};

/** `#/errors?range=30d&q=timeout` or `#/errors?from=…&to=…`: the range of the error groups and the search. */
export const ERRORS_URL: UrlSync<ErrorsView, Extract<Route, { page: 'errors' }>> = {
  page: 'errors',
  store: errorsView,
  apply(route, { groups, search }) {
    const want = rangeFromPeriod(route.period, ERRORS_DEFAULT_RANGE);
    const rangeChanged = !sameRange(groups, want);
    if (rangeChanged) {
      useErrorsStore.setState(want);
      void groups.reload();
    }
    if (route.q !== search.query.trim() || (rangeChanged && route.q)) {
      if (route.q) void search.search(route.q, resolveRange(want, serverNow()));
      else search.clear();
    }
  },
  toRoute: ({ groups, search }) => ({ page: 'errors', period: periodFromRange(groups, ERRORS_DEFAULT_RANGE), q: search.query.trim() }),
};
