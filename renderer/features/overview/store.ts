import { core } from '../../lib/core-client.ts';
import { createRangeStore } from '../../lib/range-store.ts';

/** The Overview: health strip, runs over time, top failing and slowest workflows, recent failures. */
export const useOverviewStore = createRangeStore(core, 'monitoring/get-overview', '7d');
