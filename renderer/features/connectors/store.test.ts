import { describe, expect, it } from 'vitest';
import type { ConnectorListItem } from '../../../core/contract/connectors.ts';
import type { EventName, EventPayload } from '../../../core/contract/events.ts';
import type { Input, Method, Output } from '../../../core/contract/handlers.ts';
import type { CoreApi } from '../../lib/core-client.ts';
import { emptyForm } from './form.ts';
import { createConnectorsStore } from './store.ts';

const item = (id: string, health: ConnectorListItem['health'] = 'ok'): ConnectorListItem => ({
  id, kind: 'n8n', name: id, health, healthMessage: null, lastIngestAt: null, runCount: 0, baseUrl: 'https://n8n.example.test', options: {},
  paused: false, polled: true, lastPollAt: null, nextPollAt: null, lastSuccessAt: null, consecutiveFailures: 0, runsIngested: 0,
  firstSyncDone: false, budget: null, createdAt: 0, blind: null,
});

/** A CoreApi answering from a table of handlers, recording calls and letting the test emit events. */
function fakeCore(answers: Partial<Record<Method, (input: unknown) => unknown>>) {
  const calls: { method: Method; input: unknown }[] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const api: CoreApi = {
    async call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
      calls.push({ method, input });
      const answer = answers[method];
      if (!answer) throw new Error(`unexpected ${method}`);
      return answer(input) as Output<M>;
    },
    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener as (p: unknown) => void);
      return () => set.delete(listener as (p: unknown) => void);
    },
    onReconnected: () => () => {},
  };
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>) => listeners.get(name)?.forEach((l) => l(payload));
  return { api, calls, emit };
}

const settle = () => new Promise<void>((resolve) => { setTimeout(resolve, 0); });

describe('connectors store', () => {
  it('tracks first-sync progress from sync/progressed while active, and refreshes on health changes', async () => {
    let health: ConnectorListItem['health'] = 'ok';
    const { api, calls, emit } = fakeCore({ 'connectors/list-connectors': () => ({ items: [item('a', health)] }) });
    const store = createConnectorsStore(api);
    const release = store.getState().activate();
    await settle();
    expect(store.getState().items.map((c) => c.health)).toEqual(['ok']);
    emit('sync/progressed', { connectorId: 'a', runsIngested: 250, pages: 1, done: false });
    expect(store.getState().progress['a']).toEqual({ runsIngested: 250, pages: 1, done: false });
    health = 'needs_attention';
    emit('connectors/health-changed', { connectorId: 'a', health, message: 'n8n rejected the API key (401).' });
    await settle();
    expect(store.getState().items[0]!.health).toBe('needs_attention');
    release();
    emit('sync/progressed', { connectorId: 'a', runsIngested: 500, pages: 2, done: false });
    expect(store.getState().progress['a']!.pages).toBe(1);
    expect(calls.filter((c) => c.method === 'connectors/list-connectors').length).toBe(2);
  });

  it('adds a push connector by name only, and keeps the plain result of an action per connector', async () => {
    let listed = [item('a'), item('b')];
    const { api, calls } = fakeCore({
      'connectors/list-connectors': () => ({ items: listed }),
      'connectors/add-push-connector': () => ({ ok: true, connector: { id: 'p1', name: 'Beats' }, message: 'Added "Beats".' }),
      'connectors/poll-now': () => ({ ok: false, reason: 'failed', health: 'needs_attention', message: 'n8n rejected the API key (401).' }),
      'connectors/remove-connector': () => {
        listed = [item('b')];
        return { ok: true, message: 'Removed.' };
      },
    });
    const store = createConnectorsStore(api);
    const added = await store.getState().add({ ...emptyForm('push'), name: ' Beats ' });
    expect(added.ok).toBe(true);
    expect(calls.find((c) => c.method === 'connectors/add-push-connector')?.input).toEqual({ name: 'Beats' });
    await store.getState().pollNow('a');
    expect(store.getState().notices['a']).toEqual({ tone: 'error', text: 'n8n rejected the API key (401).' });
    expect(store.getState().busy['a']).toBe(false);
    await store.getState().load();
    await store.getState().remove('a');
    expect(store.getState().items.map((c) => c.id)).toEqual(['b']);
    await settle();
    expect(store.getState().items.map((c) => c.id)).toEqual(['b']);
  });
});
