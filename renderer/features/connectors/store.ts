import { create } from 'zustand';
import type { ConnectorSummary } from '../../../core/contract/catalog.ts';
import { core, type CoreApi } from '../../lib/core-client.ts';
import { coalesce } from '../../lib/coalesce.ts';
import { createLive, errorMessage } from '../../lib/live.ts';

export interface ConnectorsState {
  items: ConnectorSummary[];
  loaded: boolean;
  error: string | null;
  load: () => Promise<void>;
  activate: () => () => void;
}

/** The connectors the ledger knows (the Runs filter lists them; the Connectors page will manage them). */
export function createConnectorsStore(api: CoreApi) {
  return create<ConnectorsState>()((set, get) => {
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
      activate: createLive({ core: api, tables: ['connectors', 'runs'], refresh: () => void refresh() }),
    };
  });
}

export const useConnectorsStore = createConnectorsStore(core);
