import { describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../core/contract/events.ts';
import type { CoreApi } from './core-client.ts';
import { stateFromHash, withStateFilter } from './state-meta.ts';
import { createStatesStore, STATE_REFRESH_MS, type Timer } from './states-store.ts';

function fakeCore() {
  let calls = 0;
  const listeners = new Set<(p: EventPayload<'ledger/changed'>) => void>();
  const api: CoreApi = {
    call: (async () => ({ now: 1, needsAttention: 0, counts: {}, workflows: [], causes: [], n: ++calls })) as unknown as CoreApi['call'],
    on<E extends EventName>(_name: E, listener: (payload: EventPayload<E>) => void) {
      listeners.add(listener as (p: EventPayload<'ledger/changed'>) => void);
      return () => listeners.delete(listener as (p: EventPayload<'ledger/changed'>) => void);
    },
    onReconnected: () => () => {},
  };
  return { api, calls: () => calls, emit: (tables: string[]) => listeners.forEach((l) => l({ tables, connectorId: null })) };
}

function fakeTimer() {
  const running: { ms: number; fn: () => void }[] = [];
  const timer: Timer = {
    every(ms, fn) {
      const t = { ms, fn };
      running.push(t);
      return () => void running.splice(running.indexOf(t), 1);
    },
    wait: () => Promise.resolve(),
  };
  return { timer, running };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('states store', () => {
  it('loads on activation, refetches on state-bearing ledger changes and every 30 s while shown, and stops when released', async () => {
    const core = fakeCore();
    const t = fakeTimer();
    const store = createStatesStore(core.api, t.timer);
    const release = store.getState().activate();
    await flush();
    expect(core.calls()).toBe(1);
    expect(store.getState().phase).toBe('ready');
    core.emit(['runs']);
    await flush();
    expect(core.calls()).toBe(2);
    core.emit(['audit_log']);
    await flush();
    expect(core.calls()).toBe(2);
    expect(t.running.map((x) => x.ms)).toEqual([STATE_REFRESH_MS]);
    t.running[0]!.fn();
    await flush();
    expect(core.calls()).toBe(3);
    const second = store.getState().activate();
    await flush();
    expect(core.calls()).toBe(4);
    expect(t.running).toHaveLength(1);
    release();
    expect(t.running).toHaveLength(1);
    second();
    expect(t.running).toHaveLength(0);
    core.emit(['runs']);
    await flush();
    expect(core.calls()).toBe(4); // released: no refetch
  });
});

describe('state filter in the address', () => {
  it('reads and writes ?state= and keeps other parameters', () => {
    expect(stateFromHash('#/workflows?state=failing')).toBe('failing');
    expect(stateFromHash('#/workflows?q=x&state=never-run')).toBe('never-run');
    expect(stateFromHash('#/workflows?state=bogus')).toBeNull();
    expect(stateFromHash('#/workflows')).toBeNull();
    expect(withStateFilter('#/workflows?q=x', 'late')).toBe('#/workflows?q=x&state=late');
    expect(withStateFilter('#/workflows?state=late', null)).toBe('#/workflows');
    expect(withStateFilter('', 'ok')).toBe('#/workflows?state=ok');
  });
});
