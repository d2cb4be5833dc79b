import { periodFromRange, rangeFromPeriod, sameRange } from '../../app/period.ts';
import type { Route } from '../../app/routes.ts';
import type { UrlSync } from '../../app/url-state.ts';
import { SLA_DEFAULT_RANGE, useSlaStore } from './store.ts';

type SlaState = ReturnType<typeof useSlaStore.getState>;

/** `#/sla?range=90d` or `#/sla?from=…&to=…`: the range the page measures over. */
export const SLA_URL: UrlSync<SlaState, Extract<Route, { page: 'sla' }>> = {
  page: 'sla',
  store: useSlaStore,
  apply(route, s) {
    const want = rangeFromPeriod(route.period, SLA_DEFAULT_RANGE);
    if (sameRange(s, want)) return;
    useSlaStore.setState(want);
    void s.reload();
  },
  toRoute: (s) => ({ page: 'sla', period: periodFromRange(s, SLA_DEFAULT_RANGE) }),
};
