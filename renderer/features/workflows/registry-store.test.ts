import { describe, expect, it, vi } from 'vitest';
import type { Input, Method, Output } from '../../../core/contract/handlers.ts';
import type { DiffOutput, WorkflowDetail } from '../../../core/contract/registry.ts';
import type { CoreApi } from '../../lib/core-client.ts';
import { createRegistryStore } from './registry-store.ts';

function fakeCore(answers: Partial<Record<Method, (input: unknown) => unknown>>) {
  const calls: { method: Method; input: unknown }[] = [];
  const api: CoreApi = {
    async call<M extends Method>(method: M, input: Input<M>) {
      calls.push({ method, input });
      const answer = answers[method];
      if (!answer) throw new Error(`unexpected ${method}`);
      return answer(input) as Output<M>;
    },
    on: () => () => {},
    onReconnected: () => () => {},
  };
  return { api, calls };
}

const diff: DiffOutput = {
  structured: { renamed: null, stepsAdded: [], stepsRemoved: [], stepsChanged: [], connectionsAdded: [], connectionsRemoved: [], settingsChanged: [], textChanged: false, identical: true },
  raw: null, beforeText: '{}', afterText: '{}',
};
const detail = { row: { workflowId: 7 }, versions: [], findings: [], correlations: [], chart: [] } as unknown as WorkflowDetail;
const base = {
  'registry/list-entries': () => ({ items: [], overallHealth: 100, findings: 0 }),
  'registry/lint': () => ({ findings: [], overallHealth: 100, workflows: 0 }),
  'registry/get-settings': () => ({ namingPattern: '.*', namingExample: 'A – B' }),
  'registry/get-workflow': () => ({ ok: true, workflow: detail }),
};

describe('registry store', () => {
  it('restores only after a preview, with confirm: true, and shows the outcome', async () => {
    const { api, calls } = fakeCore({
      ...base,
      'registry/preview-restore': () => ({ ok: true, diff, supported: true, message: 'Restoring puts it back.' }),
      'registry/restore-version': () => ({ ok: true, message: 'Restored version 1.' }),
    });
    const store = createRegistryStore(api);
    store.getState().select(7);
    await vi.waitFor(() => expect(store.getState().detail).toBe(detail));
    await store.getState().previewRestore(3);
    expect(store.getState().preview).toMatchObject({ versionId: 3, supported: true });
    expect(calls.some((c) => c.method === 'registry/restore-version')).toBe(false);
    await store.getState().restore();
    expect(calls.find((c) => c.method === 'registry/restore-version')?.input).toEqual({ workflowId: 7, versionId: 3, confirm: true });
    expect(store.getState()).toMatchObject({ preview: null, notice: { ok: true, message: 'Restored version 1.' } });
  });

  it('opens a diff between two versions of the selected workflow', async () => {
    const { api, calls } = fakeCore({ ...base, 'registry/get-diff': () => ({ ok: true, diff }) });
    const store = createRegistryStore(api);
    store.getState().select(7);
    await store.getState().openDiff(1, 2);
    expect(calls.find((c) => c.method === 'registry/get-diff')?.input).toEqual({ workflowId: 7, fromVersionId: 1, toVersionId: 2 });
    expect(store.getState().diff).toEqual({ fromId: 1, toId: 2, diff });
  });

  it('a link to a version opens the workflow and the diff with the version before it', async () => {
    const withVersions = { ...detail, versions: [{ id: 11, number: 1 }, { id: 12, number: 2 }, { id: 13, number: 3 }] } as unknown as WorkflowDetail;
    const { api, calls } = fakeCore({ ...base, 'registry/get-workflow': () => ({ ok: true, workflow: withVersions }), 'registry/get-diff': () => ({ ok: true, diff }) });
    const store = createRegistryStore(api);
    await store.getState().focus(7, { id: 12 });
    expect(store.getState()).toMatchObject({ selectedId: 7, detail: withVersions, diff: { fromId: 11, toId: 12 } });
    await store.getState().focus(7, { number: 3 });
    expect(store.getState()).toMatchObject({ diff: { fromId: 12, toId: 13 }, notice: null });
    // The workflow is already open: a second version link does not fetch it again.
    expect(calls.filter((c) => c.method === 'registry/get-workflow')).toHaveLength(1);
    await store.getState().focus(7, { number: 9 });
    expect(store.getState()).toMatchObject({ diff: null, notice: { ok: false } });
  });

  it('a link to a workflow Flowdeck does not have says so', async () => {
    const { api } = fakeCore({ ...base, 'registry/get-workflow': () => ({ ok: false, message: 'No such workflow.' }) });
    const store = createRegistryStore(api);
    await store.getState().focus(404, null);
    expect(store.getState()).toMatchObject({ selectedId: 404, detail: null, missingId: '404' });
    store.getState().showMissing('gh-1');
    expect(store.getState()).toMatchObject({ selectedId: null, missingId: 'gh-1' });
    store.getState().select(null);
    expect(store.getState().missingId).toBeNull();
  });
});

describe('registry store: naming pattern', () => {
  it('returns the core\u2019s reason when a pattern is refused, and does not reload', async () => {
    const reason = 'This naming pattern cannot be used: it uses a back-reference (\\1 or \\k<name>), which the safe pattern engine does not support.';
    const { api, calls } = fakeCore({ ...base, 'registry/save-settings': () => ({ ok: false, reason: 'invalid', message: reason }) });
    const store = createRegistryStore(api);
    const r = await store.getState().saveSettings({ namingPattern: '^(\\w+) \\1$', namingExample: 'x' });
    expect(r).toEqual({ ok: false, message: reason });
    expect(calls.filter((c) => c.method === 'registry/lint')).toHaveLength(0);
  });
});
