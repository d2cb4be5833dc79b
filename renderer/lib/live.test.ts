import { describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload } from '../../core/contract/events.ts';
import { createLive, errorMessage } from './live.ts';

function fakeCore() {
  const changed = new Set<(p: EventPayload<'ledger/changed'>) => void>();
  const reconnected = new Set<() => void>();
  return {
    changed,
    reconnected,
    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) {
      if (name !== 'ledger/changed') throw new Error(`unexpected ${name}`);
      const l = listener as (p: EventPayload<'ledger/changed'>) => void;
      changed.add(l);
      return () => changed.delete(l);
    },
    onReconnected(listener: () => void) {
      reconnected.add(listener);
      return () => reconnected.delete(listener);
    },
    emit(tables: string[]) {
      for (const l of changed) l({ tables, connectorId: null });
    },
  };
}

describe('createLive', () => {
  it('refreshes on activation, on relevant ledger changes and after a reconnect', () => {
    const core = fakeCore();
    const refresh = vi.fn();
    const release = createLive({ core, tables: ['runs'], refresh })();
    expect(refresh).toHaveBeenCalledTimes(1);
    core.emit(['audit_log']);
    expect(refresh).toHaveBeenCalledTimes(1);
    core.emit(['workflows', 'runs']);
    expect(refresh).toHaveBeenCalledTimes(2);
    for (const l of core.reconnected) l();
    expect(refresh).toHaveBeenCalledTimes(3);
    release();
    core.emit(['runs']);
    expect(refresh).toHaveBeenCalledTimes(3);
  });

  it('subscribes once however many users, and unsubscribes after the last one', () => {
    const core = fakeCore();
    const activate = createLive({ core, tables: ['runs'], refresh: () => {} });
    const a = activate();
    const b = activate();
    expect(core.changed.size).toBe(1);
    a();
    a();
    expect(core.changed.size).toBe(1);
    b();
    expect(core.changed.size).toBe(0);
    expect(core.reconnected.size).toBe(0);
  });
});

describe('errorMessage', () => {
  it('shows the core’s own message, or a plain fallback', () => {
    expect(errorMessage(new Error('filter.from: Too small'))).toBe('filter.from: Too small');
    expect(errorMessage('boom')).toMatch(/Flowdeck core/);
  });
});
