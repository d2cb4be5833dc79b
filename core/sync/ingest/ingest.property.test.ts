import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testCore } from '../../../test/support/core.ts';
import { lifecycleArb, replay } from '../../../test/support/lifecycle.ts';
import { recount, storedRollups } from '../../../test/support/recount.ts';
import { statusRank, statusFromRaw } from './normalize.ts';
import { ledgerDb } from '../../store/ledger-db.ts';

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
                const { truth, seen } = replay(core, lives, picks, pageSize, MAX_HOUR);
        expect(storedRollups(ledgerDb(core.ledger))).toEqual(recount(ledgerDb(core.ledger)));
        const runs = core.ledger.runs.list({}, null, 500).items;
        expect(runs).toHaveLength(seen.size);
        for (const run of runs) {
          const life = truth.get(Number(run.externalId))!;
          const step = seen.get(life.id)!;
          const expected = statusFromRaw(['new', 'running', life.terminal][step]!);
          expect(statusRank(run.status)).toBe(statusRank(expected));
          if (step === 2) expect(run.status).toBe(expected);
        }
        const groups = ledgerDb(core.ledger).prepare('SELECT fingerprint, occurrences FROM error_groups WHERE occurrences > 0 ORDER BY 1').all();
        const byRuns = ledgerDb(core.ledger).prepare(`SELECT error_fingerprint AS fingerprint, count(*) AS occurrences FROM runs
          WHERE error_fingerprint IS NOT NULL GROUP BY 1 ORDER BY 1`).all();
        expect(groups).toEqual(byRuns);
        core.close();
      },
    ), { numRuns: 300 });
  });
});
