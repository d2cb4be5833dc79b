import { describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../core/contract/events.ts';
import type { CoreApi } from './core-client.ts';
import { createRangeStore } from './range-store.ts';

function fakeCore() {
  const calls: { method: string; input: unknown; resolve: (v: unknown) => void }[] = [];
  const listeners = new Set<(p: EventPayload<'ledger/changed'>) => void>();
  const api: CoreApi = {
    call: ((method: string, input: unknown) => new Promise<unknown>((resolve) => calls.push({ method, input, resolve }))) as unknown as CoreApi['call'],
    on<E extends EventName>(_name: E, listener: (payload: EventPayload<E>) => void) {
      listeners.add(listener as (p: EventPayload<'ledger/changed'>) => void);
      return () => listeners.delete(listener as (p: EventPayload<'ledger/changed'>) => void);
    },
    onReconnected: () => () => {},
  };
  return { api, calls, emit: (tables: string[]) => listeners.forEach((l) => l({ tables, connectorId: null })) };
}

const NOW = Date.UTC(2026, 10, 25, 12);
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('range store', () => {
  it('loads the range on activation, refetches on a ledger change without blanking, and the newest answer wins', async () => {
    const core = fakeCore();
    const store = createRangeStore(core.api, 'monitoring/get-sla', '7d', () => NOW);
    const release = store.getState().activate();
    expect(core.calls).toHaveLength(1);
    expect(core.calls[0]!.input).toEqual({ from: NOW - 7 * 86_400_000, to: NOW });
    const answer = { from: 1, to: 2, rows: [] };
    core.calls.shift()!.resolve(answer);
    await flush();
    expect(store.getState()).toMatchObject({ phase: 'ready', data: answer });

    core.emit(['runs']);
    expect(store.getState()).toMatchObject({ phase: 'ready', refreshing: true, data: answer });
    store.getState().setRange('30d');
    expect(core.calls.map((c) => c.input)).toEqual([{ from: NOW - 7 * 86_400_000, to: NOW }, { from: NOW - 30 * 86_400_000, to: NOW }]);
    const newer = { ...answer, from: 30 };
    core.calls[1]!.resolve(newer);
    core.calls[0]!.resolve({ ...answer, from: 7 });
    await flush();
    expect(store.getState().data).toEqual(newer);

    release();
    core.emit(['runs']);
    expect(core.calls).toHaveLength(2);
  });
});
