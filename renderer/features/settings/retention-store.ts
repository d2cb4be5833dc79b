import { create } from 'zustand';
import { core, type CoreApi } from '../../lib/core-client.ts';
import { errorMessage } from '../../lib/live.ts';

export type KeepDaysOutcome = { ok: true } | { ok: false; field: string | null; message: string };
export type PruneOutcome = { ok: true; deleted: number; cutoff: number } | { ok: false; message: string };

export interface RetentionState {
  /** How many days raw runs are kept (null until loaded). */
  keepDays: number | null;
  error: string | null;
  pruning: boolean;
  /** The outcome of the last "Prune now". */
  lastPrune: PruneOutcome | null;
  load: () => Promise<void>;
  saveKeepDays: (keepDays: number) => Promise<KeepDaysOutcome>;
  pruneNow: () => Promise<PruneOutcome>;
}

/** Run history: how long raw runs are kept, and removing the older ones now. */
export function createRetentionStore(api: CoreApi) {
  return create<RetentionState>()((set, get) => ({
    keepDays: null, error: null, pruning: false, lastPrune: null,
    async load() {
      try {
        const { keepDays } = await api.call('monitoring/get-retention', {});
        set({ keepDays, error: null, lastPrune: null });
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },
    async saveKeepDays(keepDays) {
      try {
        const saved = await api.call('monitoring/set-retention', { keepDays });
        set({ keepDays: saved.keepDays, error: null });
        return { ok: true };
      } catch (error) {
        return { ok: false, field: (error as { field?: string }).field ?? null, message: errorMessage(error) };
      }
    },
    async pruneNow() {
      if (get().pruning) return { ok: false, message: 'Flowdeck is already removing old runs.' };
      set({ pruning: true, lastPrune: null });
      let outcome: PruneOutcome;
      try {
        const { deleted, cutoff } = await api.call('monitoring/prune-runs', {});
        outcome = { ok: true, deleted, cutoff };
      } catch (error) {
        outcome = { ok: false, message: errorMessage(error) };
      }
      set({ pruning: false, lastPrune: outcome });
      return outcome;
    },
  }));
}

export const useRetentionStore = createRetentionStore(core);
