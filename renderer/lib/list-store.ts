import { create } from 'zustand';
import type { CoreApi } from './core-client.ts';
import { coalesce } from './coalesce.ts';
import { createLive, errorMessage } from './live.ts';

export interface ListState<T> {
  items: T[];
  loaded: boolean;
  error: string | null;
  load: () => Promise<void>;
  activate: () => () => void;
}

/**
 * A live list read from the core with one method that answers `{ items }`: loaded on demand, refreshed (coalesced)
 * when one of `tables` changes, and a late answer never overwrites a newer one.
 */
export function createListStore<T>(api: CoreApi, read: () => Promise<{ items: T[] }>, tables: readonly string[]) {
  return create<ListState<T>>()((set, get) => {
    let seq = 0;
    const refresh = coalesce(() => get().load());
    return {
      items: [],
      loaded: false,
      error: null,
      async load() {
        const mine = ++seq;
        try {
          const { items } = await read();
          if (mine === seq) set({ items, loaded: true, error: null });
        } catch (error) {
          if (mine === seq) set({ error: errorMessage(error) });
        }
      },
      activate: createLive({ core: api, tables, refresh: () => void refresh() }),
    };
  });
}
