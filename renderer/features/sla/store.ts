import { core } from '../../lib/core-client.ts';
import { createRangeStore } from '../../lib/range-store.ts';

export const SLA_DEFAULT_RANGE = '30d';

/** SLA compliance per workflow over a range. */
export const useSlaStore = createRangeStore(core, 'monitoring/get-sla', SLA_DEFAULT_RANGE);
