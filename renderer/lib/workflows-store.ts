import { create } from 'zustand';
import type { WorkflowSummary } from '../../core/contract/catalog.ts';
import { core, type CoreApi } from './core-client.ts';
import { coalesce } from './coalesce.ts';
import { createLive, errorMessage } from './live.ts';

export interface WorkflowsState {
  items: WorkflowSummary[];
  loaded: boolean;
  error: string | null;
  load: () => Promise<void>;
  activate: () => () => void;
}

/** Every workflow across connectors (the Runs filter lists them; the Workflows page will build on it). */
export function createWorkflowsStore(api: CoreApi) {
  return create<WorkflowsState>()((set, get) => {
    let seq = 0;
    const refresh = coalesce(() => get().load());
    return {
      items: [],
      loaded: false,
      error: null,
      async load() {
        const mine = ++seq;
        try {
          const { items } = await api.call('workflows/list-workflows', {});
          if (mine === seq) set({ items, loaded: true, error: null });
        } catch (error) {
          if (mine === seq) set({ error: errorMessage(error) });
        }
      },
      activate: createLive({ core: api, tables: ['workflows'], refresh: () => void refresh() }),
    };
  });
}

export const useWorkflowsStore = createWorkflowsStore(core);
