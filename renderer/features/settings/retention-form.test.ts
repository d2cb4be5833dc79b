import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setDisplayTimeZone } from '../../lib/format.ts';
import { parseKeepDays, pruneSentence } from './retention-form.ts';

// A pinned instant (Wednesday 2025-03-12 10:30 UTC), shown in UTC so the sentences read the same on any machine.
const CUTOFF = Date.UTC(2025, 2, 12, 10, 30);

describe('run history form', () => {
  beforeEach(() => setDisplayTimeZone('UTC'));
  afterEach(() => setDisplayTimeZone(null));

  it('reads whole days from 1 to 36500', () => {
    expect(parseKeepDays(' 90 ')).toEqual({ ok: true, days: 90 });
    expect(parseKeepDays('1')).toEqual({ ok: true, days: 1 });
    expect(parseKeepDays('36500')).toEqual({ ok: true, days: 36_500 });
  });

  it('says in plain words what is wrong with anything else', () => {
    expect(parseKeepDays('')).toEqual({ ok: false, message: 'Enter how many days to keep, e.g. 365.' });
    expect(parseKeepDays('1.5')).toEqual({ ok: false, message: 'Enter whole days, e.g. 365.' });
    expect(parseKeepDays('-3')).toEqual({ ok: false, message: 'Enter whole days, e.g. 365.' });
    expect(parseKeepDays('0')).toEqual({ ok: false, message: 'Keep at least 1 day.' });
    expect(parseKeepDays('36501')).toEqual({ ok: false, message: expect.stringContaining('about a hundred years') });
  });

  it('says how many runs a prune removed, and from before when', () => {
    expect(pruneSentence({ deleted: 1, cutoff: CUTOFF })).toBe('Removed 1 run that started before Wed 12 Mar 2025, 10:30. Their daily totals stay.');
    expect(pruneSentence({ deleted: 3, cutoff: CUTOFF })).toMatch(/^Removed 3 runs that/);
    expect(pruneSentence({ deleted: 0, cutoff: CUTOFF })).toBe('Nothing to remove: no run started before Wed 12 Mar 2025, 10:30.');
  });
});
