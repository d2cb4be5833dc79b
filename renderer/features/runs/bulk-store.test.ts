import { describe, expect, it } from 'vitest';
import type { BulkPreview, BulkProgress, BulkReport } from '../../../core/contract/runs-bulk.ts';
import type { CoreApi } from '../../lib/core-client.ts';
import { createBulkStore } from './bulk-store.ts';

const preview: BulkPreview = {
  action: 'retry-run', matched: 5, eligible: 3, loadWorkflowOffered: true,
  connectors: [{ connectorId: 'n8n-1', name: 'n8n prod', kind: 'n8n', count: 3, pace: 'one request at a time (no request limit is set)' }],
  skipped: [{ reason: 'not-failed', message: 'The run did not fail (only failed and canceled runs are repaired)', count: 2, runIds: [4, 5] }],
};
const progress = (done: number, state: BulkProgress['state'] = 'running'): BulkProgress =>
  ({ jobId: 'bulk-1', action: 'retry-run', state, total: 3, done, started: done, refused: 0, failed: 0 });
const report = (state: BulkReport['state']): BulkReport => ({
  ...progress(state === 'running' ? 1 : 3, state), by: 'carol', loadWorkflow: true, createdAt: 1, finishedAt: state === 'running' ? null : 2,
  skipped: preview.skipped, results: [],
});

/** A fake core: answers calls from a table, records them, and lets the test push `runs/bulk-progressed`. */
function fakeCore(answers: Record<string, (input: unknown) => unknown>) {
  const calls: [string, unknown][] = [];
  const listeners: ((p: BulkProgress) => void)[] = [];
  const api = {
    call: async (method: string, input: unknown) => {
      calls.push([method, input]);
      return answers[method]!(input);
    },
    on: (_name: string, listener: (p: BulkProgress) => void) => {
      listeners.push(listener);
      return () => undefined;
    },
    onReconnected: () => () => undefined,
  } as unknown as CoreApi;
  return { api, calls, push: (p: BulkProgress) => listeners.forEach((l) => l(p)) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('bulk retry store', () => {
  it('previews the filtered list, starts with the chosen version, follows progress and reads the report at the end', async () => {
    let state: BulkReport['state'] = 'running';
    const core = fakeCore({
      'runs/get-bulk-report': () => ({ ok: true, report: report(state) }),
      'runs/preview-bulk-action': () => preview,
      'runs/start-bulk-action': () => ({ ok: true, jobId: 'bulk-1', preview }),
      'runs/cancel-bulk-action': () => ({ ok: true, progress: progress(1) }),
    });
    const store = createBulkStore(core.api);
    state = 'finished';
    store.getState().activate();
    await flush();
    // The newest job had ended: nothing to pick up.
    expect(store.getState().phase).toBe('idle');

    await store.getState().ask('retry-run', { filter: { statuses: ['failed'] } });
    expect(store.getState()).toMatchObject({ phase: 'confirm', preview });
    store.getState().setLoadWorkflow(true);
    state = 'running';
    await store.getState().start();
    expect(core.calls.find(([m]) => m === 'runs/start-bulk-action')![1]).toEqual({ action: 'retry-run', filter: { statuses: ['failed'] }, loadWorkflow: true });
    expect(store.getState()).toMatchObject({ phase: 'running', jobId: 'bulk-1' });

    core.push(progress(2));
    expect(store.getState().progress).toMatchObject({ done: 2 });
    await store.getState().cancel();
    expect(core.calls.at(-1)).toEqual(['runs/cancel-bulk-action', { jobId: 'bulk-1' }]);

    state = 'cancelled';
    core.push(progress(2, 'cancelled'));
    await flush();
    expect(store.getState()).toMatchObject({ phase: 'done', cancelling: false, report: { state: 'cancelled' } });
    store.getState().dismiss();
    expect(store.getState()).toMatchObject({ phase: 'idle', report: null, progress: null });
  });

  it('picks up a job still running when the page opens, and says why a start was refused', async () => {
    const core = fakeCore({
      'runs/get-bulk-report': () => ({ ok: true, report: report('running') }),
      'runs/preview-bulk-action': () => preview,
      'runs/start-bulk-action': () => ({ ok: false, reason: 'busy', message: 'A bulk job is already running on “n8n prod”; wait for it to end or cancel it first.' }),
    });
    const store = createBulkStore(core.api);
    store.getState().activate();
    await flush();
    expect(store.getState()).toMatchObject({ phase: 'running', jobId: 'bulk-1', progress: { done: 1, total: 3 } });
    // Running: it cannot be put away.
    store.getState().dismiss();
    expect(store.getState().phase).toBe('running');

    const fresh = createBulkStore(core.api);
    await fresh.getState().ask('retry-run', { filter: {} });
    await fresh.getState().start();
    expect(fresh.getState()).toMatchObject({ phase: 'idle', error: expect.stringContaining('already running') });
  });
});
