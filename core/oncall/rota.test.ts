import { describe, expect, it } from 'vitest';
import type { Shift } from '../contract/oncall.ts';
import { currentTurn, nextTurn, onDuty, shiftMinutes, upcoming, weekMinute } from './rota.ts';

// Every instant is pinned: Monday 23 November 2026 (winter time in Europe and America), and the spring clock change.
const utc = (d: number, h: number, m = 0) => Date.UTC(2026, 10, d, h, m);
const MON = 23;

let nextId = 1;
const shift = (s: Partial<Shift> & Pick<Shift, 'login' | 'weekday' | 'startMinute' | 'endMinute'>): Shift =>
  ({ id: nextId++, timezone: 'UTC', position: 0, ...s });

describe('the weekly rota', () => {
  it('reads the week minute in the shift time zone', () => {
    expect(weekMinute(utc(MON, 0), 'UTC')).toBe(0);
    // Monday 00:30 UTC is still Sunday 19:30 in New York, and already Monday 09:30 in Tokyo.
    expect(weekMinute(utc(MON, 0, 30), 'America/New_York')).toBe(6 * 1440 + 19 * 60 + 30);
    expect(weekMinute(utc(MON, 0, 30), 'Asia/Tokyo')).toBe(9 * 60 + 30);
  });

  it('a shift covers its own local hours: Monday 09:00–17:00 in Berlin is 08:00–16:00 UTC in winter', () => {
    const s = shift({ login: 'ana', weekday: 1, startMinute: 9 * 60, endMinute: 17 * 60, timezone: 'Europe/Berlin' });
    expect(currentTurn(s, utc(MON, 7, 59))).toBeNull();
    expect(currentTurn(s, utc(MON, 8, 0))).toEqual({ shift: s, startsAt: utc(MON, 8), endsAt: utc(MON, 16) });
    expect(currentTurn(s, utc(MON, 15, 59))?.endsAt).toBe(utc(MON, 16));
    expect(currentTurn(s, utc(MON, 16, 0))).toBeNull();
    // The same hours on Tuesday are not Monday's shift.
    expect(currentTurn(s, utc(MON + 1, 10))).toBeNull();
  });

  it('a night shift ends the next day, also across the end of the week', () => {
    // Sunday 22:00 to Monday 06:00 in New York (UTC-5 in November).
    const s = shift({ login: 'bo', weekday: 7, startMinute: 22 * 60, endMinute: 6 * 60, timezone: 'America/New_York' });
    expect(shiftMinutes(s)).toBe(8 * 60);
    expect(currentTurn(s, utc(MON, 2, 59))).toBeNull(); // Sunday 21:59 local
    expect(currentTurn(s, utc(MON, 3))?.startsAt).toBe(utc(MON, 3)); // Sunday 22:00 local
    expect(currentTurn(s, utc(MON, 10, 59))?.endsAt).toBe(utc(MON, 11)); // Monday 05:59 local
    expect(currentTurn(s, utc(MON, 11))).toBeNull(); // Monday 06:00 local
  });

  it('a whole-day shift (0 to 1440) covers the day and nothing more', () => {
    const s = shift({ login: 'cy', weekday: 3, startMinute: 0, endMinute: 1440 });
    expect(currentTurn(s, utc(MON + 2, 0))).not.toBeNull();
    expect(currentTurn(s, utc(MON + 2, 23, 59))).not.toBeNull();
    expect(currentTurn(s, utc(MON + 3, 0))).toBeNull();
    expect(currentTurn(s, utc(MON + 1, 23, 59))).toBeNull();
  });

  it('across the spring clock change a shift keeps its local hours (Berlin, Sunday 29 March 2026)', () => {
    const s = shift({ login: 'ana', weekday: 7, startMinute: 0, endMinute: 6 * 60, timezone: 'Europe/Berlin' });
    // 00:00 CET is Saturday 23:00 UTC; 06:00 CEST is 04:00 UTC: five hours, not six.
    const turn = currentTurn(s, Date.UTC(2026, 2, 29, 1));
    expect(turn).toEqual({ shift: s, startsAt: Date.UTC(2026, 2, 28, 23), endsAt: Date.UTC(2026, 2, 29, 4) });
    expect(currentTurn(s, Date.UTC(2026, 2, 29, 4))).toBeNull();
    expect(nextTurn(s, Date.UTC(2026, 2, 27, 12)).startsAt).toBe(Date.UTC(2026, 2, 28, 23));
  });

  it('lists who is on duty in rota order, and whose turn comes next, soonest first', () => {
    const day = shift({ login: 'ana', weekday: 1, startMinute: 8 * 60, endMinute: 18 * 60, position: 1 });
    const backup = shift({ login: 'bo', weekday: 1, startMinute: 9 * 60, endMinute: 17 * 60, position: 0 });
    const evening = shift({ login: 'cy', weekday: 1, startMinute: 18 * 60, endMinute: 23 * 60 });
    const tuesday = shift({ login: 'di', weekday: 2, startMinute: 8 * 60, endMinute: 18 * 60 });
    const shifts = [day, backup, evening, tuesday];
    expect(onDuty(shifts, utc(MON, 10)).map((t) => t.shift.login)).toEqual(['bo', 'ana']);
    expect(onDuty(shifts, utc(MON, 8, 30)).map((t) => t.shift.login)).toEqual(['ana']);
    const next = upcoming(shifts, utc(MON, 10));
    expect(next.map((t) => t.shift.login)).toEqual(['cy', 'di', 'ana', 'bo']);
    expect(next[0]!.startsAt).toBe(utc(MON, 18));
    // Next week's turn of a shift that already began this week.
    expect(next[2]!.startsAt).toBe(utc(MON + 7, 8));
  });
});
