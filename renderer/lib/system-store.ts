import { create } from 'zustand';
import type { StatusOutput } from '../../core/contract/system.ts';
import { core, type CoreApi } from './core-client.ts';
import { coalesce } from './coalesce.ts';
import { createLive, errorMessage } from './live.ts';

export interface SystemState {
  status: StatusOutput | null;
  error: string | null;
  load: () => Promise<void>;
  /** Keep the status fresh while something shows it; returns the matching release. */
  activate: () => () => void;
}

/** Core status: version, demo flag, counts, last ingest. Shown by the header and the Overview. */
export function createSystemStore(api: CoreApi) {
  return create<SystemState>()((set, get) => {
    let seq = 0;
    const refresh = coalesce(() => get().load());
    const live = createLive({
      core: api,
      tables: ['runs', 'workflows', 'connectors', 'ingest_quarantine'],
      refresh: () => void refresh(),
    });
    return {
      status: null,
      error: null,
      async load() {
        const mine = ++seq;
        try {
          const status = await api.call('system/get-status', {});
          if (mine === seq) set({ status, error: null });
        } catch (error) {
          if (mine === seq) set({ error: errorMessage(error) });
        }
      },
      activate: live,
    };
  });
}

export const useSystemStore = createSystemStore(core);
