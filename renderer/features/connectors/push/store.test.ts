import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../../core/contract/events.ts';
import type { Input, Method, Output } from '../../../../core/contract/handlers.ts';
import type { PushMonitor } from '../../../../core/contract/push.ts';
import type { CoreApi } from '../../../lib/core-client.ts';
import { slugFromName } from './components/CreateMonitorForm.tsx';
import { createPushStore } from './store.ts';

interface Pending { method: Method; input: unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }

function fakeCore() {
  const calls: Pending[] = [];
  const changed = new Set<(p: EventPayload<'ledger/changed'>) => void>();
  const api: CoreApi = {
    call<M extends Method>(method: M, input: Input<M>) {
      return new Promise<Output<M>>((resolve, reject) => calls.push({ method, input, resolve: resolve as (v: unknown) => void, reject }));
    },
    on(_name, listener) {
      const l = listener as (p: EventPayload<'ledger/changed'>) => void;
      changed.add(l);
      return () => changed.delete(l);
    },
    onReconnected: () => () => {},
  };
  const next = (method: Method) => {
    const i = calls.findIndex((c) => c.method === method);
    if (i < 0) throw new Error(`no pending ${method}; pending: ${calls.map((c) => c.method).join(', ')}`);
    return calls.splice(i, 1)[0]!;
  };
  return { api, calls, next, emit: (tables: string[]) => changed.forEach((l) => l({ tables, connectorId: 'push-1' })) };
}

const settle = async () => {
  for (let i = 0; i < 6; i++) await Promise.resolve();
};

const monitor = (slug: string, over: Partial<PushMonitor> = {}): PushMonitor => ({
  slug, name: slug, workflowId: 1, createdAt: 1, createdBy: 'alice', lastPingAt: null, lastPingKind: null, pings: 0, openSince: null,
  urls: { success: `u/${slug}`, start: '', fail: '', exitCode: '', log: '' }, expected: null, ...over,
});
const listed = (items: PushMonitor[]) => ({ ok: true, receiver: { url: 'http://127.0.0.1:7788', listening: true }, hookUrl: 'h', items });

describe('push store', () => {
  it('loads a connector\'s monitors and refetches when the ledger says they changed', async () => {
    const core = fakeCore();
    const store = createPushStore(core.api);
    const release = store.getState().open('push-1');
    expect(store.getState().phase).toBe('loading');
    const first = core.next('push/list-monitors');
    expect(first.input).toEqual({ connectorId: 'push-1' });
    first.resolve(listed([monitor('backup')]));
    await settle();
    expect(store.getState()).toMatchObject({ phase: 'ready', monitors: [{ slug: 'backup' }], receiver: { listening: true } });

    core.emit(['runs']);
    expect(core.calls).toHaveLength(0);
    core.emit(['push_monitors']);
    core.next('push/list-monitors').resolve(listed([monitor('backup', { lastPingAt: 5, lastPingKind: 'start', pings: 1 })]));
    await settle();
    expect(store.getState().monitors[0]).toMatchObject({ lastPingKind: 'start' });
    release();
    core.emit(['push_monitors']);
    expect(core.calls).toHaveLength(0);
  });

  it('drops answers for a connector that is no longer shown', async () => {
    const core = fakeCore();
    const store = createPushStore(core.api);
    store.getState().open('push-1')();
    const stale = core.next('push/list-monitors');
    store.getState().open('push-2');
    stale.resolve(listed([monitor('one')]));
    await settle();
    expect(store.getState()).toMatchObject({ connectorId: 'push-2', phase: 'loading', monitors: [] });
    core.next('push/list-monitors').resolve(listed([monitor('two')]));
    await settle();
    expect(store.getState().monitors.map((m) => m.slug)).toEqual(['two']);
  });

  it('shows why a monitor could not be created, and adds it when it could', async () => {
    const core = fakeCore();
    const store = createPushStore(core.api);
    store.getState().open('push-1');
    core.next('push/list-monitors').resolve(listed([]));
    await settle();
    const taken = store.getState().createMonitor('backup', 'Backup');
    core.next('push/create-monitor').resolve({ ok: false, reason: 'slug_taken', message: 'The slug "backup" is already used.' });
    expect(await taken).toBe(false);
    expect(store.getState().createError).toBe('The slug "backup" is already used.');
    const made = store.getState().createMonitor('backup-2', 'Backup 2');
    expect(store.getState().creating).toBe(true);
    core.next('push/create-monitor').resolve({ ok: true, monitor: monitor('backup-2') });
    expect(await made).toBe(true);
    expect(store.getState()).toMatchObject({ creating: false, createError: null, monitors: [{ slug: 'backup-2' }] });
  });

  it('asks for the secret only when revealing, and reports a missing keychain plainly', async () => {
    const core = fakeCore();
    const store = createPushStore(core.api);
    store.getState().open('push-1');
    const reveal = store.getState().loadSnippets(true);
    const call = core.next('push/get-snippets');
    expect(call.input).toEqual({ connectorId: 'push-1', revealSecret: true });
    call.resolve({ ok: false, reason: 'keychain_unavailable', message: 'No keychain is reachable.' });
    await reveal;
    expect(store.getState()).toMatchObject({ snippets: null, snippetsError: 'No keychain is reachable.' });
  });

  it('suggests a slug from the job name', () => {
    expect(slugFromName('Nightly backup (NAS)')).toBe('nightly-backup-nas');
    expect(slugFromName('  Ünïcode Jöb ')).toBe('unicode-job');
  });
});

describe('push store for a connector of another kind', () => {
  it('shows only the signed webhook, with its snippets', async () => {
    const core = fakeCore();
    const store = createPushStore(core.api);
    store.getState().open('n8n-prod');
    core.next('push/list-monitors').resolve({ ok: false, reason: 'not_push', message: 'n8n connector' });
    await settle();
    expect(store.getState()).toMatchObject({ phase: 'ready', webhookOnly: true, monitors: [] });
    const call = core.next('push/get-snippets');
    expect(call.input).toEqual({ connectorId: 'n8n-prod', revealSecret: false });
    call.resolve({
      ok: true, receiver: { url: 'http://127.0.0.1:7788', listening: false }, hookUrl: 'http://127.0.0.1:7788/hooks/n8n-prod/run-finished',
      signatureHeader: 'X-Flowdeck-Signature', secret: null, monitors: [], hook: { curl: '', n8nWorkflowJson: '{}', make: '', zapier: '', doc: '' }, notes: [],
    });
    await settle();
    expect(store.getState()).toMatchObject({ hookUrl: 'http://127.0.0.1:7788/hooks/n8n-prod/run-finished', snippets: { secret: null } });
  });
});
