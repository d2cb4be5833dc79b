import { create } from 'zustand';
import type { GetStepDataOutput } from '../../../core/contract/runs.ts';
import { core, type CoreApi } from '../../lib/core-client.ts';
import { errorMessage } from '../../lib/live.ts';

export type StepDataAnswer = Extract<GetStepDataOutput, { ok: true }>;

/** One run's step data at a time, in memory only: it can hold personal data, so it is dropped on hide or on another run. */
export type StepDataView =
  | { status: 'idle' }
  | { status: 'loading'; runId: number }
  | { status: 'shown'; runId: number; answer: StepDataAnswer }
  | { status: 'error'; runId: number; message: string };

export interface StepDataState {
  view: StepDataView;
  fetch: (runId: number) => Promise<void>;
  hide: () => void;
}

/** "Show what the failing step received": asks the core (which asks the vendor) only when the owner clicks. */
export function createStepDataStore(api: CoreApi) {
  let asked = 0;
  return create<StepDataState>()((set, get) => ({
    view: { status: 'idle' },
    async fetch(runId) {
      const current = get().view;
      if (current.status === 'loading' && current.runId === runId) return;
      const ticket = ++asked;
      set({ view: { status: 'loading', runId } });
      try {
        const out = await api.call('runs/get-step-data', { runId });
        if (ticket !== asked) return;
        set({ view: out.ok ? { status: 'shown', runId, answer: out } : { status: 'error', runId, message: out.message } });
      } catch (error) {
        if (ticket === asked) set({ view: { status: 'error', runId, message: errorMessage(error) } });
      }
    },
    hide() {
      asked++;
      set({ view: { status: 'idle' } });
    },
  }));
}

export const useStepDataStore = createStepDataStore(core);
