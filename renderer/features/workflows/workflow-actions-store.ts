import { create } from 'zustand';
import { core, type CoreApi } from '../../lib/core-client.ts';
import { errorMessage } from '../../lib/live.ts';
import type { WorkflowAction } from './workflow-actions.ts';

export interface WorkflowActionsState {
  busy: boolean;
  result: { workflowId: number; ok: boolean; message: string } | null;
  perform: (action: WorkflowAction, workflowId: number) => Promise<void>;
}

/** Pause / activate / run a workflow from its detail: one at a time, with the core's plain-words result. */
export function createWorkflowActionsStore(api: CoreApi) {
  return create<WorkflowActionsState>()((set, get) => ({
    busy: false,
    result: null,
    async perform(action, workflowId) {
      if (get().busy) return;
      set({ busy: true, result: null });
      try {
        const outcome = action === 'run-workflow'
          ? await api.call('workflows/run-workflow', { workflowId })
          : await api.call('workflows/set-active', { workflowId, active: action === 'activate-workflow' });
        set({ result: { workflowId, ok: outcome.ok, message: outcome.message } });
      } catch (error) {
        set({ result: { workflowId, ok: false, message: errorMessage(error) } });
      } finally {
        set({ busy: false });
      }
    },
  }));
}

export const useWorkflowActionsStore = createWorkflowActionsStore(core);
