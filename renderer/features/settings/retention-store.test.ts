import { describe, expect, it } from 'vitest';
import { CoreError } from '../../../core/contract/errors.ts';
import type { Input, Method, Output } from '../../../core/contract/handlers.ts';
import type { CoreApi } from '../../lib/core-client.ts';
import { createRetentionStore } from './retention-store.ts';

const CUTOFF = Date.UTC(2025, 2, 12, 10, 30);

/** A CoreApi that keeps a retention setting as the core does (1 to 36500 days); every call is recorded. */
function fakeCore(prune: () => Output<'monitoring/prune-runs'> = () => ({ deleted: 12, cutoff: CUTOFF, batches: 1 })) {
  const calls: { method: Method; input: unknown }[] = [];
  let keepDays = 365;
  const answers: Partial<Record<Method, (input: never) => unknown>> = {
    'monitoring/get-retention': () => ({ keepDays }),
    'monitoring/set-retention': (input: Input<'monitoring/set-retention'>) => {
      if (input.keepDays > 36_500) {
        throw new CoreError({ kind: 'validation', code: 'invalid_input', message: 'keepDays: Too big: expected number to be <=36500', field: 'keepDays' });
      }
      keepDays = input.keepDays;
      return { keepDays };
    },
    'monitoring/prune-runs': () => prune(),
  };
  const api: CoreApi = {
    async call<M extends Method>(method: M, input: Input<M>) {
      calls.push({ method, input });
      const answer = answers[method];
      if (!answer) throw new Error(`unexpected ${method}`);
      return answer(input as never) as Output<M>;
    },
    on: () => () => {},
    onReconnected: () => () => {},
  };
  return { api, calls };
}

describe('run history store', () => {
  it('loads the setting and saves a new one through the contract', async () => {
    const { api, calls } = fakeCore();
    const store = createRetentionStore(api);
    await store.getState().load();
    expect(store.getState().keepDays).toBe(365);
    expect(await store.getState().saveKeepDays(90)).toEqual({ ok: true });
    expect(store.getState().keepDays).toBe(90);
    expect(calls.filter((c) => c.method === 'monitoring/set-retention').map((c) => c.input)).toEqual([{ keepDays: 90 }]);
  });

  it('returns the field of a refused setting so the form shows it beside the input, keeping the saved one', async () => {
    const store = createRetentionStore(fakeCore().api);
    await store.getState().load();
    const r = await store.getState().saveKeepDays(40_000);
    expect(r).toEqual({ ok: false, field: 'keepDays', message: expect.stringContaining('36500') });
    expect(store.getState().keepDays).toBe(365);
  });

  it('prunes now and keeps how many runs went, until the next load', async () => {
    const { api, calls } = fakeCore();
    const store = createRetentionStore(api);
    const pending = store.getState().pruneNow();
    expect(store.getState().pruning).toBe(true);
    expect(await store.getState().pruneNow()).toEqual({ ok: false, message: expect.stringContaining('already') });
    expect(await pending).toEqual({ ok: true, deleted: 12, cutoff: CUTOFF });
    expect(store.getState()).toMatchObject({ pruning: false, lastPrune: { ok: true, deleted: 12, cutoff: CUTOFF } });
    expect(calls.filter((c) => c.method === 'monitoring/prune-runs')).toHaveLength(1);
    await store.getState().load();
    expect(store.getState().lastPrune).toBeNull();
  });

  it('says why a prune failed', async () => {
    const store = createRetentionStore(fakeCore(() => { throw new Error('The ledger is read-only.'); }).api);
    expect(await store.getState().pruneNow()).toEqual({ ok: false, message: 'The ledger is read-only.' });
    expect(store.getState()).toMatchObject({ pruning: false, lastPrune: { ok: false, message: 'The ledger is read-only.' } });
  });
});
