import { create } from 'zustand';
import { core, type CoreApi } from '../../lib/core-client.ts';
import { errorMessage } from '../../lib/live.ts';
import type { RunAction } from './run-actions.ts';

export interface RunActionResult {
  runId: number;
  ok: boolean;
  message: string;
}

export interface RunActionsState {
  busyRunId: number | null;
  result: RunActionResult | null;
  perform: (action: RunAction, runId: number) => Promise<void>;
  clear: () => void;
}

const METHODS = { 'retry-run': 'runs/retry-run', 'rerun-run': 'runs/rerun-run' } as const;

/** Retry / re-run from the run detail: one at a time, with the core's plain-words result. */
export function createRunActionsStore(api: CoreApi) {
  return create<RunActionsState>()((set, get) => ({
    busyRunId: null,
    result: null,
    async perform(action, runId) {
      if (get().busyRunId !== null) return;
      set({ busyRunId: runId, result: null });
      try {
        const outcome = await api.call(METHODS[action], { runId });
        set({ result: { runId, ok: outcome.ok, message: outcome.message } });
      } catch (error) {
        set({ result: { runId, ok: false, message: errorMessage(error) } });
      } finally {
        set({ busyRunId: null });
      }
    },
    clear: () => set({ result: null }),
  }));
}

export const useRunActionsStore = createRunActionsStore(core);
