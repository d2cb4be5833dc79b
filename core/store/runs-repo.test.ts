import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RUN_STATUSES, type RunFilter } from '../contract/runs.ts';
import { testCore, T0 } from '../../test/support/core.ts';
import { decodeCursor, encodeCursor, InvalidCursorError } from './runs-repo.ts';

const RAW = ['success', 'error', 'running', 'waiting', 'canceled', 'new', 'crashed', 'skipped'];

function seeded() {
  const core = testCore({ connectors: ['c1', 'c2'] });
  let n = 0;
  for (const connectorId of ['c1', 'c2']) {
    const records = [];
    for (let i = 0; i < 150; i++) {
      n++;
      records.push({
        externalId: `${connectorId}-${i}`,
        workflow: { externalId: `wf-${(n * 7) % 5}`, name: `Workflow ${(n * 7) % 5}` },
        rawStatus: RAW[(n * 13) % RAW.length]!,
        // Deliberate ties on startedAt so the id tie-break matters.
        startedAt: T0 - Math.floor(n / 3) * 60_000,
      });
    }
    core.ingest({ connectorId, records, cursor: 'x' });
  }
  return core;
}

describe('RunsRepo.list', () => {
  const core = seeded();
  const all = core.ledger.runs.list({}, null, 500).items;
  const workflowIds = [...new Set(all.map((r) => r.workflowId))];

  it('pages newest first through every filter combination with no gap or duplicate', () => {
    const filterArb = fc.record({
      statuses: fc.option(fc.subarray([...RUN_STATUSES], { minLength: 1 }), { nil: undefined }),
      connectorIds: fc.option(fc.subarray(['c1', 'c2'], { minLength: 1 }), { nil: undefined }),
      workflowIds: fc.option(fc.subarray(workflowIds, { minLength: 1 }), { nil: undefined }),
      from: fc.option(fc.integer({ min: T0 - 100 * 60_000, max: T0 }), { nil: undefined }),
      to: fc.option(fc.integer({ min: T0 - 60 * 60_000, max: T0 + 1 }), { nil: undefined }),
    });
    fc.assert(fc.property(filterArb, fc.integer({ min: 1, max: 40 }), (rawFilter, limit) => {
      const filter = Object.fromEntries(Object.entries(rawFilter).filter(([, v]) => v !== undefined)) as RunFilter;
      const expected = all.filter((r) =>
        (!filter.statuses || filter.statuses.includes(r.status)) &&
        (!filter.connectorIds || filter.connectorIds.includes(r.connectorId)) &&
        (!filter.workflowIds || filter.workflowIds.includes(r.workflowId)) &&
        (filter.from === undefined || r.startedAt >= filter.from) &&
        (filter.to === undefined || r.startedAt < filter.to)).map((r) => r.id);
      const seen: number[] = [];
      let cursor: string | null = null;
      for (let guard = 0; guard < 400; guard++) {
        const page = core.ledger.runs.list(filter, cursor, limit);
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toEqual(expected);
    }), { numRuns: 200 });
  });

  it('orders by start time, then id, newest first', () => {
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1]!, all[i]!];
      expect(a.startedAt > b.startedAt || (a.startedAt === b.startedAt && a.id > b.id)).toBe(true);
    }
  });

  it('rejects a forged cursor plainly', () => {
    expect(decodeCursor(encodeCursor(T0, 42))).toEqual([T0, 42]);
    expect(() => core.ledger.runs.list({}, 'DROP TABLE runs', 10)).toThrow(InvalidCursorError);
  });
});
