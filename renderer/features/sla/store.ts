import { core } from '../../lib/core-client.ts';
import { createRangeStore } from '../overview/range-store.ts';

/** SLA compliance per workflow over a range. */
export const useSlaStore = createRangeStore(core, 'monitoring/get-sla', '30d');
