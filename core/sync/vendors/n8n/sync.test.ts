import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../platform/logger.ts';
import { HttpFailure } from '../../../platform/http/types.ts';
import { addGapRange, initialCursor, MAX_GAPS, parseCursor, serializeCursor, type N8nCursor } from './cursor.ts';
import { syncStep, type SyncIo } from './sync.ts';

/**
 * The cursor design against a model of n8n (newest first, keyset pages, running executions left out of the list,
 * pruning, bad cursors, duplicated or reversed pages, crashes between fetching and committing): whatever happens,
 * once faults stop, every execution is in the ledger with its final status, and every failed one got its error
 * details.
 */
type Status = 'running' | 'success' | 'error';
interface Exec { id: number; status: Status }

class ModelN8n {
  readonly execs = new Map<number, Exec>();
  private lastId = 0;
  get created(): number {
    return this.lastId;
  }
  badCursors = 0;
  /** Vendor faults: answer the next N cursor requests with the previous page again; reverse the next N pages. */
  duplicates = 0;
  reversals = 0;
  requests = 0;
  private previous: { items: unknown[]; next: string | null } | null = null;

  /** Prunes the oldest finished executions, as n8n's retention does. */
  prune(count: number): void {
    const old = [...this.execs.values()].filter((e) => e.status !== 'running').sort((a, b) => a.id - b.id).slice(0, count);
    for (const e of old) this.execs.delete(e.id);
  }

  add(status: Status): Exec {
    const e = { id: ++this.lastId, status };
    this.execs.set(e.id, e);
    return e;
  }

  io(pageSize: { runs: number; errors: number }): SyncIo {
    return {
      logger: createMemoryLogger(),
      list: (stream, cursor) => {
        this.requests++;
        if (cursor !== undefined && this.badCursors > 0) {
          this.badCursors--;
          return Promise.reject(new HttpFailure('client', 'rejected (400)', { status: 400, body: { message: 'An invalid cursor was provided' } }));
        }
        if (cursor !== undefined && this.duplicates > 0 && this.previous) {
          this.duplicates--;
          return Promise.resolve(this.previous);
        }
        const lastId = cursor === undefined ? Infinity : Number(cursor);
        const limit = stream === 'runs' ? pageSize.runs : pageSize.errors;
        const all = [...this.execs.values()]
          .filter((e) => e.status !== 'running' && e.id < lastId && (stream === 'runs' || e.status === 'error'))
          .sort((a, b) => b.id - a.id);
        const items = all.slice(0, limit).map((e) => ({ id: String(e.id), status: e.status, detail: stream === 'errors' }));
        const page = { items: this.reversals-- > 0 ? items.slice().reverse() : items, next: all.length > limit ? items.at(-1)!.id : null };
        this.previous = page;
        return Promise.resolve(page);
      },
      fetch: (id) => {
        this.requests++;
        const e = this.execs.get(Number(id));
        return Promise.resolve(e ? { id, status: e.status, detail: true } : null);
      },
    };
  }
}

interface Row { status: Status; detail: boolean }
type Item = { id: string; status: Status; detail: boolean };

class ModelLedger {
  readonly rows = new Map<string, Row>();
  cursor: string | null = null;

  apply(items: unknown[], cursor: string): void {
    for (const raw of items) {
      const it = raw as Item;
      const row = this.rows.get(it.id);
      // Like ingest's merge: a late "running" never overrides a finished run; details are kept once known.
      if (!row) this.rows.set(it.id, { status: it.status, detail: it.detail });
      else this.rows.set(it.id, { status: row.status !== 'running' ? row.status : it.status, detail: row.detail || it.detail });
    }
    this.cursor = cursor;
  }
}

async function poll(n8n: ModelN8n, ledger: ModelLedger, opts: { crash?: (step: number) => boolean; pageSize?: { runs: number; errors: number } } = {}): Promise<void> {
  const io = n8n.io(opts.pageSize ?? { runs: 5, errors: 3 });
  for (let step = 0; step < 10_000; step++) {
    const result = await syncStep(parseCursor(ledger.cursor)!, io);
    if (opts.crash?.(step)) continue;
    ledger.apply(result.items, serializeCursor(result.cursor));
    if (!result.hasMore) break;
  }
  // refreshRuns for what the ledger holds as unfinished
  const stale = [...ledger.rows].filter(([, r]) => r.status === 'running').map(([id]) => id);
  const found: unknown[] = [];
  for (const id of stale) {
    const e = await io.fetch(id);
    if (e) found.push(e);
  }
  ledger.apply(found, ledger.cursor!);
}

function expectConverged(n8n: ModelN8n, ledger: ModelLedger): void {
  const truth = [...n8n.execs.values()].map((e) => [String(e.id), e.status, e.status === 'error']);
  const got = [...n8n.execs.values()].map((e) => {
    const row = ledger.rows.get(String(e.id));
    return [String(e.id), row?.status, row ? row.detail && row.status === 'error' : undefined];
  });
  expect(got).toEqual(truth);
  // Nothing invented: every ledger row is an execution n8n has (or had, before pruning).
  expect([...ledger.rows.keys()].every((id) => Number(id) >= 1 && Number(id) <= n8n.created)).toBe(true);
}

describe('n8n sync steps', () => {
  it('a first sync pages runs, then errors with details, then stops', async () => {
    const n8n = new ModelN8n();
    for (let i = 0; i < 12; i++) n8n.add(i % 4 === 0 ? 'error' : 'success');
    const ledger = new ModelLedger();
    await poll(n8n, ledger);
    expectConverged(n8n, ledger);
    expect(parseCursor(ledger.cursor)).toEqual({ v: 1, phase: 'runs', runs: { hwm: '12' }, errors: { hwm: '9' }, gaps: [] });
  });

  it('skips the errors pass when the scan saw no failure, without moving its mark', async () => {
    const n8n = new ModelN8n();
    n8n.add('error');
    const ledger = new ModelLedger();
    await poll(n8n, ledger);
    for (let i = 0; i < 6; i++) n8n.add('success');
    const before = n8n.requests;
    await poll(n8n, ledger);
    expect(n8n.requests - before).toBe(2);
    expect(parseCursor(ledger.cursor)).toMatchObject({ runs: { hwm: '7' }, errors: { hwm: '1' } });
  });

  it('follows an execution n8n left out of the list as a gap: fetched as running, refreshed when done', async () => {
    const n8n = new ModelN8n();
    n8n.add('success');
    const running = n8n.add('running');
    n8n.add('success');
    const ledger = new ModelLedger();
    await poll(n8n, ledger);
    expect(ledger.rows.get('2')).toEqual({ status: 'running', detail: true });
    running.status = 'error';
    await poll(n8n, ledger);
    expectConverged(n8n, ledger);
  });

  it('an invalid cursor restarts the scan from the newest execution, hwm unchanged', async () => {
    const n8n = new ModelN8n();
    for (let i = 0; i < 20; i++) n8n.add('success');
    const ledger = new ModelLedger();
    n8n.badCursors = 2;
    await poll(n8n, ledger);
    expectConverged(n8n, ledger);
  });

  it('other failures propagate and leave the stored cursor as it was', async () => {
    const io: SyncIo = {
      logger: createMemoryLogger(),
      list: () => Promise.reject(new HttpFailure('auth', 'n8n rejected the API key (401)', { status: 401 })),
      fetch: () => Promise.resolve(null),
    };
    await expect(syncStep(initialCursor(), io)).rejects.toMatchObject({ kind: 'auth' });
  });

  it('converges under random arrivals, running runs, pruning, bad cursors, duplicated or reversed pages and crashes (property)', async () => {
    const op = fc.oneof(
      fc.record({ t: fc.constant('add' as const), n: fc.integer({ min: 1, max: 12 }), running: fc.integer({ min: 0, max: 3 }), errorEvery: fc.integer({ min: 2, max: 5 }) }),
      fc.record({ t: fc.constant('finish' as const), error: fc.boolean() }),
      fc.record({ t: fc.constant('prune' as const), n: fc.integer({ min: 1, max: 10 }) }),
      fc.record({
        t: fc.constant('poll' as const), crashMask: fc.integer({ min: 0, max: 255 }), badCursors: fc.integer({ min: 0, max: 2 }),
        duplicates: fc.integer({ min: 0, max: 2 }), reversals: fc.integer({ min: 0, max: 3 }),
      }),
    );
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), fc.integer({ min: 1, max: 7 }), async (ops, runsPage) => {
      const n8n = new ModelN8n();
      const ledger = new ModelLedger();
      for (const o of ops) {
        if (o.t === 'add') {
          for (let i = 0; i < o.n; i++) n8n.add(i < o.running ? 'running' : i % o.errorEvery === 0 ? 'error' : 'success');
        } else if (o.t === 'finish') {
          for (const e of n8n.execs.values()) if (e.status === 'running') e.status = o.error ? 'error' : 'success';
        } else if (o.t === 'prune') {
          n8n.prune(o.n);
        } else {
          Object.assign(n8n, { badCursors: o.badCursors, duplicates: o.duplicates, reversals: o.reversals });
          await poll(n8n, ledger, { crash: (s) => s < 8 && ((o.crashMask >> s) & 1) === 1, pageSize: { runs: runsPage, errors: 2 } });
        }
      }
      for (const e of n8n.execs.values()) if (e.status === 'running') e.status = 'success';
      Object.assign(n8n, { badCursors: 0, duplicates: 0, reversals: 0 });
      await poll(n8n, ledger, { pageSize: { runs: runsPage, errors: 2 } });
      await poll(n8n, ledger, { pageSize: { runs: runsPage, errors: 2 } });
      expectConverged(n8n, ledger);
    }), { numRuns: 300 });
  });
});

describe('n8n cursor', () => {
  it('round-trips and rejects what is not ours (a fresh start replays, never skips)', () => {
    const c: N8nCursor = { v: 1, phase: 'errors', runs: { hwm: '59', scan: { top: '80', low: '61', next: 'eyJsYXN0SWQiOiI2MSJ9', sawErrors: true } }, errors: { hwm: null }, gaps: ['60'] };
    expect(parseCursor(serializeCursor(c))).toEqual(c);
    expect(parseCursor(null)).toEqual(initialCursor());
    for (const bad of ['{', '"x"', '{"v":2}', JSON.stringify({ ...c, gaps: ['x'] }), JSON.stringify({ ...c, runs: { hwm: 59 } })]) expect(parseCursor(bad)).toBeNull();
  });

  it('keeps at most MAX_GAPS missing ids, newest first, and counts the rest', () => {
    expect(addGapRange([], 10, 14)).toEqual({ gaps: ['13', '12', '11'], dropped: 0 });
    const big = addGapRange([], 0, 1_000_000);
    expect(big.gaps).toHaveLength(MAX_GAPS);
    expect(big.gaps[0]).toBe('999999');
    expect(big.dropped).toBe(999_999 - MAX_GAPS);
  });
});
