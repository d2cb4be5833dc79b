import type { WorkflowSummary } from '../../core/contract/catalog.ts';
import { core, type CoreApi } from './core-client.ts';
import { createListStore, type ListState } from './list-store.ts';

export type WorkflowsState = ListState<WorkflowSummary>;

/** Every workflow across connectors (the Runs filter, incidents, settings and the Workflows page list them). */
export function createWorkflowsStore(api: CoreApi) {
  return createListStore(api, () => api.call('workflows/list-workflows', {}), ['workflows']);
}

export const useWorkflowsStore = createWorkflowsStore(core);
