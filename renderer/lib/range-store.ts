import { create } from 'zustand';
import type { Output } from '../../core/contract/handlers.ts';
import { coalesce } from './coalesce.ts';
import type { CoreApi } from './core-client.ts';
import { createLive, errorMessage } from './live.ts';
import { serverNow } from './server-clock.ts';
import { resolveRange, withRangeId, type RangeId, type RangeState } from './range.ts';

type RangeMethod = 'monitoring/get-overview' | 'monitoring/list-error-groups' | 'monitoring/get-sla';

export interface RangeDataState<M extends RangeMethod> extends RangeState {
  data: Output<M> | null;
  phase: 'loading' | 'ready' | 'error';
  error: string | null;
  /** A refetch after a ledger change is running; the page keeps showing the previous data. */
  refreshing: boolean;
  selected: number;
  activate: () => () => void;
  setRange: (range: RangeId) => void;
  setCustom: (from: string, to: string) => void;
  reload: () => Promise<void>;
  moveSelection: (delta: number, count: number) => void;
}

/**
 * A page that shows one core query over a time range: the range, the answer, and live refresh on ledger changes
 * (the core announces, the store refetches; nothing polls). Core calls happen only in these actions.
 */
export function createRangeStore<M extends RangeMethod>(api: CoreApi, method: M, initial: RangeId, now: () => number = serverNow) {
  return create<RangeDataState<M>>()((set, get) => {
    let generation = 0;
    const load = async (background: boolean) => {
      const range = resolveRange(get(), now());
      if (!range) return;
      const mine = ++generation;
      set(background && get().phase === 'ready' ? { refreshing: true } : { phase: 'loading', error: null });
      try {
        const data = await (api.call as (m: M, i: { from: number; to: number }) => Promise<Output<M>>)(method, range);
        if (mine === generation) set({ data, phase: 'ready', error: null, refreshing: false });
      } catch (error) {
        if (mine !== generation) return;
        if (background && get().data) set({ refreshing: false });
        else set({ phase: 'error', error: errorMessage(error), refreshing: false });
      }
    };
    const refresh = coalesce(() => load(true));
    return {
      range: initial,
      customFrom: '',
      customTo: '',
      data: null,
      phase: 'loading',
      error: null,
      refreshing: false,
      selected: -1,
      activate: createLive({ core: api, tables: ['runs', 'rollups_hourly', 'connectors'], refresh: () => void refresh() }),
      setRange(range) {
        set(withRangeId(get(), range, now()));
        void load(false);
      },
      setCustom(customFrom, customTo) {
        set({ customFrom, customTo });
        void load(false);
      },
      reload: () => load(false),
      moveSelection(delta, count) {
        if (count === 0) return;
        const i = get().selected;
        set({ selected: i < 0 ? (delta > 0 ? 0 : count - 1) : Math.min(count - 1, Math.max(0, i + delta)) });
      },
    };
  });
}
