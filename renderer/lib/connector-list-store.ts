import type { ConnectorSummary } from '../../core/contract/catalog.ts';
import { core, type CoreApi } from './core-client.ts';
import { createListStore, type ListState } from './list-store.ts';

export type ConnectorListState = ListState<ConnectorSummary>;

/** Every connector by id, name and kind (the Runs filter lists them); the Connectors page keeps its own, richer store. */
export function createConnectorListStore(api: CoreApi) {
  return createListStore(api, () => api.call('connectors/list-connectors', {}), ['connectors']);
}

export const useConnectorListStore = createConnectorListStore(core);
