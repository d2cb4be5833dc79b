import { create } from 'zustand';
import type { SearchErrorsOutput } from '../../../core/contract/monitoring.ts';
import { core, type CoreApi } from '../../lib/core-client.ts';
import { errorMessage } from '../../lib/live.ts';
import { createRangeStore } from '../../lib/range-store.ts';

export const ERRORS_DEFAULT_RANGE = '7d';

/** Error groups over a range. */
export const useErrorsStore = createRangeStore(core, 'monitoring/list-error-groups', ERRORS_DEFAULT_RANGE);

export interface ErrorSearchState {
  query: string;
  result: SearchErrorsOutput | null;
  busy: boolean;
  error: string | null;
  search: (query: string, range: { from: number; to: number } | null) => Promise<void>;
  clear: () => void;
}

/** Full-text search of error messages (FTS5 in the core); the newest answer wins. */
export function createErrorSearchStore(api: CoreApi) {
  return create<ErrorSearchState>()((set) => {
    let seq = 0;
    return {
      query: '',
      result: null,
      busy: false,
      error: null,
      async search(query, range) {
        const mine = ++seq;
        set({ query });
        if (!query.trim()) {
          set({ result: null, busy: false, error: null });
          return;
        }
        set({ busy: true });
        try {
          const result = await api.call('monitoring/search-errors', { query, filter: range ?? {}, limit: 50 });
          if (mine === seq) set({ result, busy: false, error: null });
        } catch (error) {
          if (mine === seq) set({ busy: false, error: errorMessage(error) });
        }
      },
      clear: () => {
        seq++;
        set({ query: '', result: null, busy: false, error: null });
      },
    };
  });
}

export const useErrorSearchStore = createErrorSearchStore(core);
