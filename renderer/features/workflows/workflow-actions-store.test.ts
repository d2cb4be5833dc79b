import { describe, expect, it } from 'vitest';
import type { CoreApi } from '../../lib/core-client.ts';
import { createWorkflowActionsStore } from './workflow-actions-store.ts';

describe('workflow actions store', () => {
  it('calls the right contract method and keeps the plain result', async () => {
    const calls: [string, unknown][] = [];
    const api = { call: async (method: string, input: unknown) => { calls.push([method, input]); return { ok: true, message: 'Paused in n8n.' }; } } as unknown as CoreApi;
    const store = createWorkflowActionsStore(api);
    await store.getState().perform('deactivate-workflow', 7);
    await store.getState().perform('run-workflow', 7);
    expect(calls).toEqual([['workflows/set-active', { workflowId: 7, active: false }], ['workflows/run-workflow', { workflowId: 7 }]]);
    expect(store.getState().result).toEqual({ workflowId: 7, ok: true, message: 'Paused in n8n.' });
    expect(store.getState().busy).toBe(false);
  });

  it('shows a failure in words instead of throwing', async () => {
    const api = { call: async () => { throw new Error('The connection to the Flowdeck core was lost.'); } } as unknown as CoreApi;
    const store = createWorkflowActionsStore(api);
    await store.getState().perform('activate-workflow', 3);
    expect(store.getState().result).toEqual({ workflowId: 3, ok: false, message: 'The connection to the Flowdeck core was lost.' });
  });
});
