import { describe, expect, it } from 'vitest';
import { formatAgo, formatDuration, formatWhen, fromDateTimeLocal, toDateTimeLocal } from './format.ts';

describe('formatDuration', () => {
  it.each([
    [null, '—'],
    [-5, '—'],
    [0, '0 ms'],
    [350, '350 ms'],
    [1000, '1 s'],
    [4230, '4.2 s'],
    [12_900, '12 s'],
    [60_000, '1 min'],
    [123_000, '2 min 3 s'],
    [3_600_000, '1 h'],
    [3_900_000, '1 h 5 min'],
    [2 * 86_400_000 + 3 * 3_600_000, '2 d 3 h'],
  ])('%s ms reads "%s"', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatWhen', () => {
  // Local-time constructors keep these independent of the machine's time zone.
  const now = new Date(2024, 5, 3, 18, 30).getTime();

  it('says today and yesterday by calendar day, not by 24 h blocks', () => {
    expect(formatWhen(new Date(2024, 5, 3, 14, 2).getTime(), now, 'en-GB')).toBe('14:02, today');
    expect(formatWhen(new Date(2024, 5, 3, 0, 1).getTime(), now, 'en-GB')).toBe('00:01, today');
    expect(formatWhen(new Date(2024, 5, 2, 23, 59).getTime(), now, 'en-GB')).toBe('23:59, yesterday');
  });

  it('shows weekday and date earlier this year, and the year before that', () => {
    expect(formatWhen(new Date(2024, 4, 27, 9, 5).getTime(), now, 'en-GB')).toBe('Mon 27 May, 09:05');
    expect(formatWhen(new Date(2023, 11, 31, 9, 5).getTime(), now, 'en-GB')).toBe('31 Dec 2023, 09:05');
  });

  it('reads a missing time as a dash', () => {
    expect(formatWhen(null, now)).toBe('—');
  });
});

describe('formatAgo', () => {
  const now = 10 * 86_400_000;
  it.each([
    [now - 10_000, 'just now'],
    [now + 5_000, 'just now'],
    [now - 5 * 60_000, '5 min ago'],
    [now - 3 * 3_600_000, '3 h ago'],
    [now - 86_400_000, '1 day ago'],
    [now - 4 * 86_400_000, '4 days ago'],
  ])('%s → %s', (ts, text) => {
    expect(formatAgo(ts, now)).toBe(text);
  });
  it('says never without a time', () => expect(formatAgo(null, now)).toBe('never'));
});

describe('datetime-local values', () => {
  it('round-trips local minutes', () => {
    const ts = new Date(2024, 0, 9, 7, 4).getTime();
    expect(toDateTimeLocal(ts)).toBe('2024-01-09T07:04');
    expect(fromDateTimeLocal('2024-01-09T07:04')).toBe(ts);
  });

  it('rejects empty, malformed and impossible dates', () => {
    expect(fromDateTimeLocal('')).toBeNull();
    expect(fromDateTimeLocal('yesterday')).toBeNull();
    expect(fromDateTimeLocal('2024-02-30T10:00')).toBeNull();
    expect(fromDateTimeLocal('2024-02-10T24:00')).toBeNull();
  });
});
