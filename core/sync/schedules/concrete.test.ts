import { describe, expect, it } from 'vitest';
import { nextExpected, type ConcreteSchedule } from './concrete.ts';

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
const at = (s: string) => Date.parse(s);

describe('nextExpected', () => {
  it.each<[string, ConcreteSchedule, string, string | null]>([
    ['interval', { kind: 'interval', everyMs: 15 * 60_000 }, '2026-11-25T12:00:00Z', '2026-11-25T12:15:00.000Z'],
    ['cron', { kind: 'cron', cron: '0 3 * * *', timezone: 'UTC' }, '2026-11-25T12:00:00Z', '2026-11-26T03:00:00.000Z'],
    // Monday 23 November 2026: the weekday 14:30 comes before the next 03:00.
    ['several crons: the earliest (weekday)', { kind: 'crons', crons: ['0 3 * * *', '30 14 * * 1-5'], timezone: 'UTC' }, '2026-11-23T04:00:00Z', '2026-11-23T14:30:00.000Z'],
    ['several crons: the earliest (weekend)', { kind: 'crons', crons: ['0 3 * * *', '30 14 * * 1-5'], timezone: 'UTC' }, '2026-11-28T15:00:00Z', '2026-11-29T03:00:00.000Z'],
    ['several crons in a zone', { kind: 'crons', crons: ['0 9 * * *', '0 18 * * *'], timezone: 'Europe/Berlin' }, '2026-11-25T09:00:00Z', '2026-11-25T17:00:00.000Z'],
    ['several crons, none valid any more', { kind: 'crons', crons: [], timezone: 'UTC' }, '2026-11-25T09:00:00Z', null],
  ])('%s', (_name, s, after, expected) => {
    expect(iso(nextExpected(s, at(after)))).toBe(expected);
  });

  describe('an interval inside a weekly window (Make restrict: weekdays 09:00-17:00 Berlin, every 15 min)', () => {
    const s: ConcreteSchedule = { kind: 'windowed', everyMs: 15 * 60_000, window: { days: [1, 2, 3, 4, 5], fromMinute: 540, toMinute: 1020, timezone: 'Europe/Berlin' } };
    it.each<[string, string, string]>([
      ['inside the window: one interval later', '2026-11-24T09:00:00Z', '2026-11-24T09:15:00.000Z'],
      ['before it opens: the opening plus one interval', '2026-11-24T05:00:00Z', '2026-11-24T08:15:00.000Z'],
      ['after it closes on Friday: Monday’s opening plus one interval', '2026-11-27T15:50:00Z', '2026-11-30T08:15:00.000Z'],
      ['on Saturday: Monday', '2026-11-28T10:00:00Z', '2026-11-30T08:15:00.000Z'],
    ])('%s', (_name, after, expected) => {
      expect(iso(nextExpected(s, at(after)))).toBe(expected);
    });
  });
});
