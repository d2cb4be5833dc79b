import { describe, expect, it } from 'vitest';
import { CoreError } from '../../../core/contract/errors.ts';
import type { EventName, EventPayload } from '../../../core/contract/events.ts';
import type { Input, Method, Output } from '../../../core/contract/handlers.ts';
import type { RunDetail, RunSummary } from '../../../core/contract/runs.ts';
import type { CoreApi } from '../../lib/core-client.ts';
import { EMPTY_FILTER } from './filters.ts';
import { createRunsStore } from './store.ts';

interface PendingCall {
  method: Method;
  input: unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/** A CoreApi whose answers the test gives by hand, in any order. */
function fakeCore() {
  const calls: PendingCall[] = [];
  const changed = new Set<(p: EventPayload<'ledger/changed'>) => void>();
  const api: CoreApi = {
    call<M extends Method>(method: M, input: Input<M>) {
      return new Promise<Output<M>>((resolve, reject) => calls.push({ method, input, resolve: resolve as (v: unknown) => void, reject }));
    },
    on<E extends EventName>(_name: E, listener: (payload: EventPayload<E>) => void) {
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
  return { api, calls, changed, next, emit: (tables: string[]) => changed.forEach((l) => l({ tables, connectorId: null })) };
}

const run = (id: number, status: RunSummary['status'] = 'success'): RunSummary => ({
  id, connectorId: 'c', connectorName: 'n8n', connectorKind: 'n8n', workflowId: 1, workflowName: 'Leads', externalId: `x${id}`,
  status, rawStatus: status, startedAt: 1_000_000 - id, finishedAt: null, durationMs: 1200, errorMessage: null,
});
const detail = (id: number): RunDetail => ({
  ...run(id, 'failed'), errorFingerprint: 'fp', failingStep: 'HTTP', mode: 'trigger', deepLink: null, retryOf: null,
  retrySuccessId: null, itemCount: null, ingestedAt: 1, updatedAt: 2,
});
const ids = (n: number, from = 1) => Array.from({ length: n }, (_, i) => run(from + i));
const settle = async () => {
  for (let i = 0; i < 6; i++) await Promise.resolve();
};
const NOW = 1_700_000_000_000;

function setup() {
  const core = fakeCore();
  const store = createRunsStore(core.api, () => NOW);
  return { core, store, s: () => store.getState() };
}

describe('runs store', () => {
  it('activation fetches the first page; loadMore follows the cursor and appends without duplicates', async () => {
    const { core, s } = setup();
    s().activate();
    const first = core.next('runs/list-runs');
    expect(first.input).toEqual({ filter: {}, limit: 100 });
    first.resolve({ items: ids(100), nextCursor: 'c1' });
    await settle();
    expect(s().phase).toBe('ready');
    expect(s().items).toHaveLength(100);

    void s().loadMore();
    void s().loadMore(); // already loading: no second request
    const more = core.next('runs/list-runs');
    expect(core.calls).toHaveLength(0);
    expect(more.input).toEqual({ filter: {}, cursor: 'c1', limit: 100 });
    more.resolve({ items: ids(60, 100), nextCursor: null });
    await settle();
    expect(s().items.map((r) => r.id)).toEqual(ids(159).map((r) => r.id));
    void s().loadMore();
    expect(core.calls).toHaveLength(0);
  });

  it('a filter change wins over an older answer that arrives late', async () => {
    const { core, s } = setup();
    s().activate();
    const old = core.next('runs/list-runs');
    s().setFilter({ ...EMPTY_FILTER, statuses: ['failed'], range: '24h' });
    expect(s().phase).toBe('loading');
    const current = core.next('runs/list-runs');
    expect(current.input).toEqual({ filter: { statuses: ['failed'], from: NOW - 86_400_000 }, limit: 100 });
    current.resolve({ items: [run(7, 'failed')], nextCursor: null });
    old.resolve({ items: ids(100), nextCursor: 'stale' });
    await settle();
    expect(s().items.map((r) => r.id)).toEqual([7]);
    expect(s().nextCursor).toBeNull();
  });

  it('shows the core’s error message and recovers on reload', async () => {
    const { core, s } = setup();
    s().activate();
    core.next('runs/list-runs').reject(new CoreError({ kind: 'validation', code: 'invalid_input', message: 'cursor: The page cursor is not valid' }));
    await settle();
    expect(s().phase).toBe('error');
    expect(s().error).toBe('cursor: The page cursor is not valid');
    void s().reload();
    core.next('runs/list-runs').resolve({ items: [], nextCursor: null });
    await settle();
    expect(s().phase).toBe('ready');
    expect(s().error).toBeNull();
  });

  it('a ledger change refetches as many rows as are loaded, and the open run; unrelated tables and inactive stores do nothing', async () => {
    const { core, s } = setup();
    const release = s().activate();
    core.next('runs/list-runs').resolve({ items: ids(100), nextCursor: 'c1' });
    await settle();
    void s().loadMore();
    core.next('runs/list-runs').resolve({ items: ids(100, 101), nextCursor: 'c2' });
    await settle();
    void s().openDetail(5);
    core.next('runs/get-run').resolve({ ok: true, run: detail(5) });
    await settle();

    core.emit(['audit_log']);
    expect(core.calls).toHaveLength(0);
    core.emit(['runs', 'rollups_hourly']);
    expect(s().refreshing).toBe(true);
    const page = core.next('runs/list-runs');
    expect(page.input).toEqual({ filter: {}, limit: 200 });
    expect(core.next('runs/get-run').input).toEqual({ id: 5 });
    page.resolve({ items: [run(0, 'failed'), ...ids(199)], nextCursor: 'c3' });
    await settle();
    expect(s().refreshing).toBe(false);
    expect(s().items[0]).toMatchObject({ id: 0, status: 'failed' });
    expect(s().detail.status).toBe('ready');

    release();
    core.emit(['runs']);
    expect(core.calls).toHaveLength(0);
  });

  it('a burst of ledger changes collapses into at most one follow-up fetch', async () => {
    const { core, s } = setup();
    s().activate();
    core.next('runs/list-runs').resolve({ items: ids(3), nextCursor: null });
    await settle();
    core.emit(['runs']);
    core.emit(['runs']);
    core.emit(['runs']);
    expect(core.calls).toHaveLength(1);
    core.next('runs/list-runs').resolve({ items: ids(3), nextCursor: null });
    await settle();
    expect(core.calls).toHaveLength(1);
    core.next('runs/list-runs').resolve({ items: ids(3), nextCursor: null });
    await settle();
    expect(core.calls).toHaveLength(0);
  });

  it('detail: not found and errors are states, j/k move the selection and follow with the panel open', async () => {
    const { core, s } = setup();
    s().activate();
    core.next('runs/list-runs').resolve({ items: ids(3), nextCursor: null });
    await settle();

    s().moveSelection(1);
    expect(s().selectedId).toBe(1);
    s().moveSelection(-1);
    expect(s().selectedId).toBe(1);
    s().moveSelection(5);
    expect(s().selectedId).toBe(3);
    expect(core.calls).toHaveLength(0);

    void s().openDetail(2);
    expect(s().detail).toEqual({ status: 'loading', id: 2, run: null });
    core.next('runs/get-run').resolve({ ok: false, reason: 'not_found' });
    await settle();
    expect(s().detail).toEqual({ status: 'not-found', id: 2 });

    s().moveSelection(1);
    expect(s().selectedId).toBe(3);
    core.next('runs/get-run').reject(new CoreError({ kind: 'unavailable', code: 'disconnected', message: 'The connection to the Flowdeck core was lost.' }));
    await settle();
    expect(s().detail).toEqual({ status: 'error', id: 3, message: 'The connection to the Flowdeck core was lost.' });

    s().closeDetail();
    expect(s().detail).toEqual({ status: 'closed' });
    s().moveSelection(-1);
    expect(s().selectedId).toBe(2);
    expect(core.calls).toHaveLength(0);
  });

  it('an answer for a run that was closed meanwhile is dropped', async () => {
    const { core, s } = setup();
    void s().openDetail(9);
    const pending = core.next('runs/get-run');
    s().closeDetail();
    pending.resolve({ ok: true, run: detail(9) });
    await settle();
    expect(s().detail).toEqual({ status: 'closed' });
  });
});
