import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../platform/logger.ts';
import { initialCursor, parseCursor, serializeCursor } from './cursor.ts';
import { apRunStatus } from './mapper.ts';
import { syncStep, type SyncIo, type SyncPolicy } from './sync.ts';

// A model Activepieces (docs/vendors.md A4): runs newest first by `created`, createdAfter/createdBefore inclusive,
// `next` only says whether more rows follow, and runs sharing one instant come back in any order.

interface Row { id: string; at: number; status: string }

class ModelAp {
  readonly rows: Row[] = [];
  listCalls = 0;
  private n = 0;
  private seed: number;

  constructor(seed = 1) {
    this.seed = seed;
  }

  add(at: number, status = 'SUCCEEDED'): Row {
    const row = { id: `run${++this.n}`, at, status };
    this.rows.push(row);
    return row;
  }

  /** A different order among runs of one instant on every request. */
  private tiebreak(): (r: Row) => number {
    this.seed = (this.seed * 1103515245 + 12345) % 2147483648;
    const salt = this.seed;
    return (r) => ((Number(r.id.slice(3)) * 2654435761 + salt) % 1000003);
  }

  io(): SyncIo {
    return {
      logger: createMemoryLogger(),
      list: (q) => {
        this.listCalls++;
        const after = Date.parse(q.createdAfter);
        const before = q.createdBefore ? Date.parse(q.createdBefore) : Infinity;
        const key = this.tiebreak();
        const all = this.rows.filter((r) => r.at >= after && r.at <= before).sort((a, b) => b.at - a.at || key(a) - key(b));
        return Promise.resolve({ data: all.slice(0, q.limit).map((r) => ({ id: r.id, created: new Date(r.at).toISOString(), status: r.status })), next: all.length > q.limit ? 'more' : null });
      },
      fetch: (id) => {
        const r = this.rows.find((x) => x.id === id);
        return Promise.resolve(r ? { id: r.id, created: new Date(r.at).toISOString(), status: r.status, steps: {} } : null);
      },
    };
  }
}

class ModelLedger {
  readonly status = new Map<string, string>();
  /** How often the scan (not the detail fetches) handed each run over. */
  readonly handed = new Map<string, number>();
  cursor: string | null = null;

  apply(runs: unknown[], detailed: boolean, cursor: string | null): void {
    for (const raw of runs) {
      const r = raw as { id: string; status: string };
      const before = this.status.get(r.id);
      // Like ingest's merge: a finished run stays finished.
      if (before === undefined || ['queued', 'running', 'waiting'].includes(apRunStatus(before))) this.status.set(r.id, r.status);
      if (!detailed) this.handed.set(r.id, (this.handed.get(r.id) ?? 0) + 1);
    }
    this.cursor = cursor;
  }
}

const T = Date.UTC(2026, 2, 2, 12);
const policy = (pageSize: number): SyncPolicy => ({ pageSize, overlapMs: 60_000 });

async function poll(ap: ModelAp, ledger: ModelLedger, pageSize: number, crash: (step: number) => boolean = () => false): Promise<void> {
  const io = ap.io();
  for (let step = 0; step < 2000; step++) {
    const cursor = ledger.cursor === null ? initialCursor(T - 86_400_000) : parseCursor(ledger.cursor)!;
    const result = await syncStep(cursor, io, policy(pageSize));
    if (crash(step)) continue;
    ledger.apply(result.runs, result.detailed, serializeCursor(result.cursor));
    if (!result.hasMore) break;
  }
  // refreshRuns for what the ledger holds as unfinished
  for (const [id, status] of ledger.status) {
    if (!['queued', 'running', 'waiting'].includes(apRunStatus(status))) continue;
    const found = await io.fetch(id);
    if (found) ledger.apply([found], true, ledger.cursor);
  }
}

const truth = (ap: ModelAp) => new Map(ap.rows.map((r) => [r.id, r.status]));

describe('Activepieces sync steps', () => {
  it('takes runs that share one instant across page boundaries, each once', async () => {
    const ap = new ModelAp();
    for (let i = 0; i < 9; i++) ap.add(T - 5000);
    for (let i = 0; i < 4; i++) ap.add(T - 4000 - i);
    const ledger = new ModelLedger();
    await poll(ap, ledger, 2);
    expect(ledger.status).toEqual(truth(ap));
    expect([...ledger.handed.values()].every((n) => n === 1)).toBe(true);
  });

  it('a second poll hands over only the new runs, and asks once when nothing is new', async () => {
    const ap = new ModelAp();
    for (let i = 0; i < 6; i++) ap.add(T - 400_000 + i * 40_000);
    const ledger = new ModelLedger();
    await poll(ap, ledger, 3);
    ap.add(T + 1000);
    ap.add(T + 2000);
    await poll(ap, ledger, 3);
    expect(ledger.status).toEqual(truth(ap));
    expect([...ledger.handed.values()].every((n) => n === 1)).toBe(true);
    // A quiet poll reads only the overlap behind the newest run (here both new runs: one page).
    const calls = ap.listCalls;
    await poll(ap, ledger, 3);
    expect(ap.listCalls - calls).toBe(1);
    expect([...ledger.handed.values()].every((n) => n === 1)).toBe(true);
  });

  it('a run committed late, inside the overlap, is still found', async () => {
    const ap = new ModelAp();
    ap.add(T);
    const ledger = new ModelLedger();
    await poll(ap, ledger, 5);
    const late = ap.add(T - 30_000);
    await poll(ap, ledger, 5);
    expect(ledger.status.get(late.id)).toBe('SUCCEEDED');
  });

  it('failed runs are fetched one by one after their page (their error text is in their steps, A6)', async () => {
    const ap = new ModelAp();
    ap.add(T - 3000, 'FAILED');
    ap.add(T - 2000, 'SUCCEEDED');
    const io = ap.io();
    const first = await syncStep(initialCursor(T - 60_000), io, policy(10));
    expect(first).toMatchObject({ detailed: false, hasMore: true, cursor: { details: ['run1'], scan: null } });
    const second = await syncStep(first.cursor, io, policy(10));
    expect(second).toMatchObject({ detailed: true, hasMore: false, cursor: { details: [] } });
    expect(second.runs).toEqual([{ id: 'run1', created: new Date(T - 3000).toISOString(), status: 'FAILED', steps: {} }]);
  });

  it('converges under arrivals, shared instants, late commits, runs finishing and crashes between pages (property)', async () => {
    const op = fc.oneof(
      fc.record({ t: fc.constant('add' as const), n: fc.integer({ min: 1, max: 8 }), sameInstant: fc.boolean(), late: fc.integer({ min: 0, max: 50_000 }),
        status: fc.constantFrom('SUCCEEDED', 'FAILED', 'RUNNING', 'QUEUED', 'PAUSED') }),
      fc.record({ t: fc.constant('finish' as const), status: fc.constantFrom('SUCCEEDED', 'FAILED', 'CANCELED') }),
      fc.record({ t: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 120_000 }) }),
      fc.record({ t: fc.constant('poll' as const), crashMask: fc.integer({ min: 0, max: 255 }) }),
    );
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 1000 }), async (ops, pageSize, seed) => {
      const ap = new ModelAp(seed);
      const ledger = new ModelLedger();
      let now = T;
      let crashed = false;
      for (const o of ops) {
        if (o.t === 'add') {
          for (let i = 0; i < o.n; i++) ap.add(now - o.late - (o.sameInstant ? 0 : i), o.status);
        } else if (o.t === 'finish') {
          for (const r of ap.rows) if (['RUNNING', 'QUEUED', 'PAUSED'].includes(r.status)) r.status = o.status;
        } else if (o.t === 'wait') {
          now += o.ms;
        } else {
          crashed ||= o.crashMask !== 0;
          await poll(ap, ledger, pageSize, (s) => s < 8 && ((o.crashMask >> s) & 1) === 1);
        }
      }
      for (const r of ap.rows) if (['RUNNING', 'QUEUED', 'PAUSED'].includes(r.status)) r.status = 'SUCCEEDED';
      await poll(ap, ledger, pageSize);
      await poll(ap, ledger, pageSize);
      expect(ledger.status).toEqual(truth(ap));
      // Without crashes nothing is handed over twice (a crash replays the page it interrupted, which ingest absorbs).
      if (!crashed) expect([...ledger.handed].filter(([, n]) => n > 1)).toEqual([]);
    }), { numRuns: 200 });
  });
});
