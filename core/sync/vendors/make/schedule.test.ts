import { describe, expect, it } from 'vitest';
import { makeSchedule } from './schedule.ts';
import { scheduleFromDefinition } from '../../schedules/index.ts';

/** A definition as core/sync/vendors/make/mapper.ts stores it. */
const scenario = (scheduling: unknown, extra: Record<string, unknown> = {}) =>
  ({ scenario: { id: 4830, name: 'Orders', scheduling, isActive: true, ...extra }, blueprint: { name: 'Orders', flow: [] }, blueprintScheduling: null });

const WEEKDAYS_9_TO_5 = [{ days: [1, 2, 3, 4, 5], time: ['09:00', '17:00'] }];

describe('Make scheduling → expected schedule', () => {
  it.each<[string, unknown, unknown]>([
    ['every 15 minutes', { type: 'indefinitely', interval: 900 }, { kind: 'interval', everyMs: 900_000 }],
    ['an interval without a number', { type: 'indefinitely' }, null],
    ['daily at 08:30 (UTC: the definition has no zone)', { type: 'daily', time: '08:30' }, { kind: 'cron', cron: '30 8 * * *', timezone: 'UTC' }],
    ['daily without a time', { type: 'daily' }, null],
    ['weekly on Mon, Wed, Fri at 07:00', { type: 'weekly', days: [1, 3, 5], time: '07:00' }, { kind: 'cron', cron: '0 7 * * 1,3,5', timezone: 'UTC' }],
    ['weekly on Sunday written as 7', { type: 'weekly', days: [7], time: '7:05' }, { kind: 'cron', cron: '5 7 * * 0', timezone: 'UTC' }],
    ['weekly without days', { type: 'weekly', time: '07:00' }, null],
    ['monthly on the 1st and 15th at 23:45', { type: 'monthly', days: [15, 1], time: '23:45' }, { kind: 'cron', cron: '45 23 1,15 * *', timezone: 'UTC' }],
    ['monthly on day 32', { type: 'monthly', days: [32], time: '10:00' }, null],
    ['yearly on 1 January and 1 July', { type: 'yearly', days: [1], months: [1, 7], time: '06:00' }, { kind: 'cron', cron: '0 6 1 1,7 *', timezone: 'UTC' }],
    ['a bad time', { type: 'daily', time: '25:00' }, null],
    ['immediately (instant trigger)', { type: 'immediately' }, null],
    ['on demand', { type: 'on-demand' }, null],
    ['once', { type: 'once', date: '2026-12-01T10:00:00Z' }, null],
    ['scheduling sent as JSON text', JSON.stringify({ type: 'indefinitely', interval: 3600 }), { kind: 'interval', everyMs: 3_600_000 }],
    ['a simple restrict: weekdays 09:00-17:00', { type: 'indefinitely', interval: 900, restrict: WEEKDAYS_9_TO_5 },
      { kind: 'windowed', everyMs: 900_000, window: { days: [1, 2, 3, 4, 5], fromMinute: 540, toMinute: 1020, timezone: 'UTC' } }],
    ['a restrict of weekdays only', { type: 'indefinitely', interval: 3600, restrict: [{ days: [6, 0] }] },
      { kind: 'windowed', everyMs: 3_600_000, window: { days: [0, 6], fromMinute: 0, toMinute: 1440, timezone: 'UTC' } }],
    ['several restrict entries are ignored', { type: 'indefinitely', interval: 900, restrict: [...WEEKDAYS_9_TO_5, { days: [6], time: ['10:00', '12:00'] }] },
      { kind: 'interval', everyMs: 900_000 }],
    ['a restrict with months is ignored', { type: 'indefinitely', interval: 900, restrict: [{ months: [1, 2] }] }, { kind: 'interval', everyMs: 900_000 }],
    ['an overnight restrict is ignored', { type: 'indefinitely', interval: 900, restrict: [{ time: ['22:00', '06:00'] }] }, { kind: 'interval', everyMs: 900_000 }],
    ['daily restricted to weekdays', { type: 'daily', time: '08:30', restrict: [{ days: [1, 2, 3, 4, 5] }] }, { kind: 'cron', cron: '30 8 * * 1,2,3,4,5', timezone: 'UTC' }],
  ])('%s', (_name, scheduling, expected) => {
    expect(makeSchedule(scenario(scheduling))).toEqual(expected);
    expect(scheduleFromDefinition(scenario(scheduling))).toEqual(expected);
  });

  it('reads times in the scenario time zone when the definition carries one, else UTC', () => {
    expect(makeSchedule(scenario({ type: 'daily', time: '08:30' }, { timezone: 'Europe/Berlin' })))
      .toEqual({ kind: 'cron', cron: '30 8 * * *', timezone: 'Europe/Berlin' });
    expect(makeSchedule({ ...scenario({ type: 'daily', time: '08:30' }), timezone: 'America/New_York' }))
      .toEqual({ kind: 'cron', cron: '30 8 * * *', timezone: 'America/New_York' });
    expect(makeSchedule(scenario({ type: 'daily', time: '08:30' }, { timezone: 'Mars/Olympus' })))
      .toEqual({ kind: 'cron', cron: '30 8 * * *', timezone: 'UTC' });
  });

  it('falls back to the blueprint’s scheduling when the scenario’s is missing', () => {
    const def = { scenario: { id: 1, scheduling: null }, blueprint: null, blueprintScheduling: { type: 'indefinitely', interval: 600 } };
    expect(scheduleFromDefinition(def)).toEqual({ kind: 'interval', everyMs: 600_000 });
    expect(scheduleFromDefinition({ scenario: { id: 1, scheduling: null }, blueprint: null, blueprintScheduling: null })).toBeNull();
  });
});
