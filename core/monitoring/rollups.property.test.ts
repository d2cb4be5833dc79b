import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testCore, T0 } from '../../test/support/core.ts';
import {
  recountDaily, recountErrorDays, recountGlobalHourly, storedDaily, storedErrorDays, storedGlobalHourly,
} from '../../test/support/recount.ts';

const HOUR = 3_600_000;
const TERMINAL_RAW = ['success', 'error', 'canceled', 'crashed', 'warning', 'skipped'];

const lifecycle = fc.record({
  id: fc.integer({ min: 1, max: 12 }),
  workflow: fc.integer({ min: 1, max: 3 }),
  startHour: fc.integer({ min: 0, max: 400 }),
  startMin: fc.integer({ min: 0, max: 59 }),
  duration: fc.integer({ min: 0, max: 2 * HOUR }),
  terminal: fc.constantFrom(...TERMINAL_RAW),
  error: fc.option(fc.constantFrom('Timeout after 3000 ms', 'Record 42 not found', 'invalid_grant'), { nil: undefined }),
  queuedWithoutStart: fc.boolean(),
});
type Life = typeof lifecycle extends fc.Arbitrary<infer T> ? T : never;

function recordsOf(l: Life): Record<string, unknown>[] {
  const startedAt = T0 - 401 * HOUR + l.startHour * HOUR + l.startMin * 60_000;
  const base = { externalId: String(l.id), workflow: { externalId: `wf-${l.workflow}`, name: `Workflow ${l.workflow}` } };
  return [
    { ...base, rawStatus: 'new', ...(l.queuedWithoutStart ? {} : { startedAt }) },
    { ...base, rawStatus: 'running', startedAt },
    { ...base, rawStatus: l.terminal, startedAt, finishedAt: startedAt + l.duration,
      ...(l.error && l.terminal !== 'success' ? { errorMessage: l.error } : {}) },
  ];
}

describe('monitoring rollups always equal a recount from raw runs', () => {
  it('holds for global hourly, per-workflow daily and weekly, and error-day rollups after random upserts and replays', () => {
    fc.assert(fc.property(
      fc.array(lifecycle, { minLength: 1, maxLength: 10 }),
      fc.array(fc.tuple(fc.nat(), fc.nat(2)), { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 1, max: 7 }),
      (lives, picks, pageSize) => {
        const core = testCore();
        const truth = new Map<number, Life>();
        for (const l of lives) if (!truth.has(l.id)) truth.set(l.id, l);
        const all = [...truth.values()];
        const sent = picks.map(([i, step]) => ({ life: all[i % all.length]!, step }));
        for (let i = 0; i < sent.length; i += pageSize) {
          const page = sent.slice(i, i + pageSize);
          core.ingest({ connectorId: 'c1', cursor: `p${i}`, records: page.map(({ life, step }) => recordsOf(life)[step]!) });
          core.clock.advance(17 * 60_000);
        }
        const db = core.ledger.db;
        expect(storedGlobalHourly(db)).toEqual(recountGlobalHourly(db));
        expect(storedDaily(db)).toEqual(recountDaily(db));
        expect(storedDaily(db, 'rollups_weekly')).toEqual(recountDaily(db, 7 * 86_400_000));
        expect(storedErrorDays(db)).toEqual(recountErrorDays(db));
        core.close();
      },
    ), { numRuns: 200 });
  });
});
