import { create } from 'zustand';
import type { ListStatesOutput } from '../../core/contract/states.ts';
import { coalesce } from './coalesce.ts';
import { core, type CoreApi } from './core-client.ts';
import { createLive, errorMessage } from './live.ts';

/** Ledger tables a workflow's live state is derived from (runs, switch-offs, schedules, connectors, incidents). */
export const STATE_TABLES = ['runs', 'workflows', 'workflow_registry', 'connectors', 'incidents', 'alert_rules', 'push_monitors', 'push_pings'] as const;
/** A state also changes with time alone (a run becomes late, then missed): refetch this often while shown. */
export const STATE_REFRESH_MS = 30_000;
/**
 * At most one refetch per this gap: while the demo or a first sync ingests without pause, changes arrive faster than
 * the core derives the states, and back-to-back refetches would starve the page's other calls.
 */
export const STATE_MIN_GAP_MS = 1_000;

export interface StatesState {
  data: ListStatesOutput | null;
  phase: 'loading' | 'ready' | 'error';
  error: string | null;
  /** Keeps the states fresh while something shows them (ledger changes, reconnects, and a 30 s timer). */
  activate: () => () => void;
  reload: () => Promise<void>;
}

export interface Timer {
  every(ms: number, fn: () => void): () => void;
  wait(ms: number): Promise<void>;
}

const browserTimer: Timer = {
  every(ms, fn) {
    const t = setInterval(fn, ms);
    return () => clearInterval(t);
  },
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * The one live state per workflow (workflows/list-states), shared by the Overview's "Needs you" and tiles and the
 * Workflows list, so they cannot disagree. Core calls happen only in these actions.
 */
export function createStatesStore(api: CoreApi, timer: Timer = browserTimer) {
  return create<StatesState>()((set, get) => {
    let generation = 0;
    const load = async () => {
      const mine = ++generation;
      if (!get().data) set({ phase: 'loading', error: null });
      try {
        const data = await api.call('workflows/list-states', {});
        if (mine === generation) set({ data, phase: 'ready', error: null });
      } catch (error) {
        // A failed refresh keeps the last answer on screen; only a first load shows the error.
        if (mine === generation && !get().data) set({ phase: 'error', error: errorMessage(error) });
      }
    };
    // Changes that arrive during a load or the gap after it collapse into one more load.
    const refresh = coalesce(async () => {
      await load();
      await timer.wait(STATE_MIN_GAP_MS);
    });
    const live = createLive({ core: api, tables: STATE_TABLES, refresh: () => void refresh() });
    let users = 0;
    let stopTimer: (() => void) | null = null;
    return {
      data: null,
      phase: 'loading',
      error: null,
      activate() {
        const release = live();
        if (++users === 1) stopTimer = timer.every(STATE_REFRESH_MS, () => void refresh());
        let active = true;
        return () => {
          if (!active) return;
          active = false;
          release();
          if (--users === 0) {
            stopTimer?.();
            stopTimer = null;
          }
        };
      },
      reload: () => refresh(),
    };
  });
}

export const useStatesStore = createStatesStore(core);
