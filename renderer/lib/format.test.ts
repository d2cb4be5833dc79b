import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  computerTimeZone, displayTimeZone, formatAgo, formatChartTick, formatDateTime, formatDuration, formatFullDateTime, formatIso, formatTime, formatUtcOffset,
  formatWhen, fromDateTimeLocal, setDisplayTimeZone, toDateTimeLocal,
} from './format.ts';

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
  // Times are read in the display zone, whatever the machine's: here Berlin, in summer (UTC+2).
  beforeEach(() => setDisplayTimeZone('Europe/Berlin'));
  afterEach(() => setDisplayTimeZone(null));
  const now = Date.UTC(2024, 5, 3, 16, 30); // 18:30 in Berlin

  it('says today and yesterday by calendar day in the display zone, not by 24 h blocks', () => {
    expect(formatWhen(Date.UTC(2024, 5, 3, 12, 2), now)).toBe('14:02, today');
    expect(formatWhen(Date.UTC(2024, 5, 2, 22, 1), now)).toBe('00:01, today');
    expect(formatWhen(Date.UTC(2024, 5, 2, 21, 59), now)).toBe('23:59, yesterday');
    expect(formatWhen(Date.UTC(2024, 5, 4, 6, 0), now)).toBe('08:00, tomorrow');
  });

  it('shows weekday and date earlier this year, and the year before that', () => {
    expect(formatWhen(Date.UTC(2024, 4, 27, 7, 5), now)).toBe('Mon 27 May, 09:05');
    expect(formatWhen(Date.UTC(2023, 11, 31, 8, 5), now)).toBe('31 Dec 2023, 09:05');
  });

  it('follows the display zone: the same instant is another day and time in Kolkata', () => {
    setDisplayTimeZone('Asia/Kolkata');
    expect(formatWhen(Date.UTC(2024, 5, 2, 21, 59), now)).toBe('03:29, today');
    expect(formatFullDateTime(Date.UTC(2024, 5, 2, 21, 59, 7))).toBe('Mon 3 Jun 2024, 03:29:07');
    expect(formatUtcOffset(now)).toBe('UTC+05:30');
    setDisplayTimeZone('America/New_York');
    expect(formatUtcOffset(now)).toBe('UTC−04:00');
  });

  it('reads a missing time as a dash', () => {
    expect(formatWhen(null, now)).toBe('—');
  });
});

describe('one date format', () => {
  beforeEach(() => setDisplayTimeZone('UTC'));
  afterEach(() => setDisplayTimeZone(null));
  it('writes dates day-month-year with 24-hour times everywhere, charts included', () => {
    const t = Date.UTC(2026, 0, 9, 7, 4, 5);
    expect(formatDateTime(t)).toBe('Fri 9 Jan 2026, 07:04');
    expect(formatFullDateTime(t)).toBe('Fri 9 Jan 2026, 07:04:05');
    expect(formatChartTick(t, 3_600_000)).toBe('9 Jan 07:04');
    expect(formatChartTick(t, 86_400_000)).toBe('9 Jan');
    expect(formatTime(t)).toBe('07:04');
    expect(formatIso(t)).toBe('2026-01-09T07:04:05.000Z');
  });

  it('falls back to the computer’s zone for an unknown one', () => {
    setDisplayTimeZone('Mars/Olympus');
    expect(displayTimeZone()).toBe(computerTimeZone());
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
  afterEach(() => setDisplayTimeZone(null));

  it('round-trips minutes as a wall clock in the display zone', () => {
    setDisplayTimeZone('Europe/Berlin');
    const ts = Date.UTC(2024, 0, 9, 6, 4); // 07:04 in Berlin (winter)
    expect(toDateTimeLocal(ts)).toBe('2024-01-09T07:04');
    expect(fromDateTimeLocal('2024-01-09T07:04')).toBe(ts);
    // Summer time: 07:04 in Berlin is 05:04 UTC.
    expect(fromDateTimeLocal('2024-07-09T07:04')).toBe(Date.UTC(2024, 6, 9, 5, 4));
    setDisplayTimeZone('Asia/Kolkata');
    expect(fromDateTimeLocal('2024-01-09T07:04')).toBe(Date.UTC(2024, 0, 9, 1, 34));
    expect(toDateTimeLocal(Date.UTC(2024, 0, 9, 1, 34))).toBe('2024-01-09T07:04');
  });

  it('rejects empty, malformed and impossible dates', () => {
    expect(fromDateTimeLocal('')).toBeNull();
    expect(fromDateTimeLocal('yesterday')).toBeNull();
    expect(fromDateTimeLocal('2024-02-30T10:00')).toBeNull();
    expect(fromDateTimeLocal('2024-02-10T24:00')).toBeNull();
  });
});
