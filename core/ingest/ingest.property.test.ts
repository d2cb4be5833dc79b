import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testCore } from '../../test/support/core.ts';
import { lifecycleArb, recordsOf, type Life } from '../../test/support/lifecycle.ts';
import { recount, storedRollups } from '../../test/support/recount.ts';
import { statusRank, statusFromRaw } from './normalize.ts';

const MAX_HOUR = 5;
const lifecycle = lifecycleArb(MAX_HOUR);

describe('ingest property: rollups always equal a recount from raw runs', () => {
  it('holds after random upsert sequences, replays and reorderings', () => {
    fc.assert(fc.property(
      fc.array(lifecycle, { minLength: 1, maxLength: 10 }),
      fc.array(fc.tuple(fc.nat(), fc.nat(2)), { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 1, max: 7 }),
      (lives, picks, pageSize) => {
        const core = testCore();
        // First lifecycle per id is the truth for that id.
        const truth = new Map<number, Life>();
        for (const l of lives) if (!truth.has(l.id)) truth.set(l.id, l);
        const all = [...truth.values()];
        const sent = picks.map(([i, step]) => ({ life: all[i % all.length]!, step }));
        const seen = new Map<number, number>();
        for (let i = 0; i < sent.length; i += pageSize) {
          const page = sent.slice(i, i + pageSize);
          core.ingest({ connectorId: 'c1', cursor: `p${i}`, records: page.map(({ life, step }) => recordsOf(life, MAX_HOUR)[step]!) });
          for (const { life, step } of page) seen.set(life.id, Math.max(seen.get(life.id) ?? -1, step));
          core.clock.advance(17 * 60_000);
        }
        expect(storedRollups(core.ledger.db)).toEqual(recount(core.ledger.db));
        const runs = core.ledger.runs.list({}, null, 500).items;
        expect(runs).toHaveLength(seen.size);
        for (const run of runs) {
          const life = truth.get(Number(run.externalId))!;
          const step = seen.get(life.id)!;
          const expected = statusFromRaw(['new', 'running', life.terminal][step]!);
          expect(statusRank(run.status)).toBe(statusRank(expected));
          if (step === 2) expect(run.status).toBe(expected);
        }
        const groups = core.ledger.db.prepare('SELECT fingerprint, occurrences FROM error_groups WHERE occurrences > 0 ORDER BY 1').all();
        const byRuns = core.ledger.db.prepare(`SELECT error_fingerprint AS fingerprint, count(*) AS occurrences FROM runs
          WHERE error_fingerprint IS NOT NULL GROUP BY 1 ORDER BY 1`).all();
        expect(groups).toEqual(byRuns);
        core.close();
      },
    ), { numRuns: 300 });
  });
});
