import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testCore } from '../../test/support/core.ts';
import { lifecycleArb, replay } from '../../test/support/lifecycle.ts';
import {
  recountDaily, recountErrorDays, recountGlobalHourly, storedDaily, storedErrorDays, storedGlobalHourly,
} from '../../test/support/recount.ts';
import { ledgerDb } from '../store/ledger-db.ts';

const MAX_HOUR = 400;
const lifecycle = lifecycleArb(MAX_HOUR);

describe('monitoring rollups always equal a recount from raw runs', () => {
  it('holds for global hourly, per-workflow daily and weekly, and error-day rollups after random upserts and replays', () => {
    fc.assert(fc.property(
      fc.array(lifecycle, { minLength: 1, maxLength: 10 }),
      fc.array(fc.tuple(fc.nat(), fc.nat(2)), { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 1, max: 7 }),
      (lives, picks, pageSize) => {
        const core = testCore();
        replay(core, lives, picks, pageSize, MAX_HOUR);
        const db = ledgerDb(core.ledger);
        expect(storedGlobalHourly(db)).toEqual(recountGlobalHourly(db));
        expect(storedDaily(db)).toEqual(recountDaily(db));
        expect(storedDaily(db, 'rollups_weekly')).toEqual(recountDaily(db, 7 * 86_400_000));
        expect(storedErrorDays(db)).toEqual(recountErrorDays(db));
        core.close();
      },
    ), { numRuns: 200 });
  });
});
