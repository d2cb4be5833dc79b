import { create } from 'zustand';
import type { ConnectorSummary } from '../../core/contract/catalog.ts';
import { coalesce } from './coalesce.ts';
import { core, type CoreApi } from './core-client.ts';
import { createLive, errorMessage } from './live.ts';

export interface ConnectorListState {
  items: ConnectorSummary[];
  loaded: boolean;
  error: string | null;
  load: () => Promise<void>;
  activate: () => () => void;
}

/** Every connector by id, name and kind (the Runs filter lists them); the Connectors page keeps its own, richer store. */
export function createConnectorListStore(api: CoreApi) {
  return create<ConnectorListState>()((set, get) => {
    let seq = 0;
    const refresh = coalesce(() => get().load());
    return {
      items: [],
      loaded: false,
      error: null,
      async load() {
        const mine = ++seq;
        try {
          const { items } = await api.call('connectors/list-connectors', {});
          if (mine === seq) set({ items, loaded: true, error: null });
        } catch (error) {
          if (mine === seq) set({ error: errorMessage(error) });
        }
      },
      activate: createLive({ core: api, tables: ['connectors'], refresh: () => void refresh() }),
    };
  });
}

export const useConnectorListStore = createConnectorListStore(core);
