import { describe, expect, it } from 'vitest';
import { AlertSettings } from '../contract/alerts.ts';
import { inQuietHours, localMinute, mayNotify, quietHoursUntil } from './policy.ts';

const settings = (patch: Partial<AlertSettings> = {}) => ({ ...AlertSettings.parse({}), ...patch });
const quiet = { enabled: true, startMinute: 22 * 60, endMinute: 7 * 60, timezone: 'Europe/Berlin' };

describe('notification policy (pure)', () => {
  it('reads quiet hours in their own time zone, across midnight', () => {
    expect(localMinute(Date.UTC(2026, 0, 15, 21, 30), 'Europe/Berlin')).toBe(22 * 60 + 30);
    expect(inQuietHours(settings({ quietHours: quiet }), Date.UTC(2026, 0, 15, 21, 30))).toBe(true);
    expect(inQuietHours(settings({ quietHours: quiet }), Date.UTC(2026, 0, 15, 5, 59))).toBe(true);
    expect(inQuietHours(settings({ quietHours: quiet }), Date.UTC(2026, 0, 15, 6, 0))).toBe(false);
    // Summer time: 22:00 in Berlin is 20:00Z.
    expect(inQuietHours(settings({ quietHours: quiet }), Date.UTC(2026, 6, 15, 20, 0))).toBe(true);
  });

  it('holds for mutes, maintenance, snooze and quiet hours (critical passes quiet hours only)', () => {
    const at = Date.UTC(2026, 0, 15, 23);
    const base = { settings: settings(), ruleMuted: false, workflowId: 3, severity: 'warning' as const, snoozedUntil: null };
    expect(mayNotify(base, at)).toEqual({ send: true });
    expect(mayNotify({ ...base, ruleMuted: true }, at)).toEqual({ send: false, reason: 'rule muted' });
    expect(mayNotify({ ...base, settings: settings({ mutedWorkflowIds: [3] }) }, at)).toEqual({ send: false, reason: 'workflow muted' });
    expect(mayNotify({ ...base, settings: settings({ maintenanceWindows: [{ id: 'm', label: '', from: at - 1, to: at + 1, workflowIds: [] }] }) }, at))
      .toEqual({ send: false, reason: 'maintenance window' });
    expect(mayNotify({ ...base, settings: settings({ maintenanceWindows: [{ id: 'm', label: '', from: at - 1, to: at + 1, workflowIds: [4] }] }) }, at)).toEqual({ send: true });
    expect(mayNotify({ ...base, snoozedUntil: at + 1 }, at)).toEqual({ send: false, reason: 'snoozed' });
    expect(mayNotify({ ...base, settings: settings({ quietHours: quiet }) }, at)).toEqual({ send: false, reason: 'quiet hours' });
    expect(mayNotify({ ...base, severity: 'critical', settings: settings({ quietHours: quiet }) }, at)).toEqual({ send: true });
  });

  it('ends quiet hours at their local end, across midnight and across a clock change', () => {
    const s = settings({ quietHours: quiet });
    expect(quietHoursUntil(s, Date.UTC(2026, 0, 15, 21, 30, 20))).toBe(Date.UTC(2026, 0, 16, 6));
    expect(quietHoursUntil(s, Date.UTC(2026, 0, 16, 5, 59))).toBe(Date.UTC(2026, 0, 16, 6));
    expect(quietHoursUntil(s, Date.UTC(2026, 0, 16, 6))).toBeNull();
    // Berlin springs forward on 29 March 2026 at 02:00: 07:00 that morning is 05:00 UTC, not 06:00.
    expect(quietHoursUntil(s, Date.UTC(2026, 2, 28, 22))).toBe(Date.UTC(2026, 2, 29, 5));
  });
});
