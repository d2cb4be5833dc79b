import { describe, expect, it } from 'vitest';
import { cronInWords, intervalInWords } from './schedule-label.ts';

describe('cron expressions in words', () => {
  it.each([
    ['*/5 * * * *', 'UTC', 'every 5 min'],
    ['* * * * *', 'UTC', 'every minute'],
    ['15 * * * *', 'UTC', 'every hour at :15'],
    ['0 */6 * * *', 'UTC', 'every 6 h at :00'],
    ['0 6 */1 * *', 'UTC', 'every day at 06:00 (UTC)'],
    ['30 8 * * 1-5', 'Europe/Berlin', 'weekdays at 08:30 (Europe/Berlin)'],
    ['0 2 * * 0', 'UTC', 'every Sunday at 02:00 (UTC)'],
    ['0 2 * * 1,3,5', 'UTC', 'on Mon, Wed, Fri at 02:00 (UTC)'],
    ['0 2 * * 6,0', 'UTC', 'weekends at 02:00 (UTC)'],
    ['0 2 * * 1-3', 'UTC', 'on Mon, Tue, Wed at 02:00 (UTC)'],
    ['0 2 1 * *', 'UTC', 'cron 0 2 1 * * (UTC)'],
    ['0 9-17 * * *', 'America/New_York', 'cron 0 9-17 * * * (America/New_York)'],
  ])('%s in %s reads "%s"', (expr, tz, words) => {
    expect(cronInWords(expr, tz)).toBe(words);
  });
});

describe('intervals in words', () => {
  it.each([[5, '5 min'], [60, 'hour'], [90, '90 min'], [150, '2.5 h'], [1440, 'day'], [36 * 60, '36 h'], [3 * 1440, '3 days']])('%i minutes read "%s"', (m, words) => {
    expect(intervalInWords(m * 60_000)).toBe(words);
  });
});
