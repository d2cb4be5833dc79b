import { describe, expect, it } from 'vitest';
import { AlertSettings } from '../contract/alerts.ts';
import { muteStatus } from './mute-status.ts';
import { mayNotify, PAUSE_WINDOW_ID } from './policy.ts';

const MIN = 60_000;
// Thursday 2026-01-15 23:00 UTC, midnight in Berlin.
const AT = Date.UTC(2026, 0, 15, 23);
const settings = (patch: Partial<AlertSettings> = {}) => ({ ...AlertSettings.parse({}), ...patch });
const names = new Map([[3, 'Invoice sync'], [4, 'Supplier sync'], [5, 'Backups']]);
const status = (s: AlertSettings, rules: { name: string; enabled: boolean; muted: boolean }[] = []) =>
  muteStatus({ settings: s, rules, workflowName: (id) => names.get(id) }, AT);

describe('mute status (pure, from the same rules as mayNotify)', () => {
  it('is not muted with the default settings and unmuted rules', () => {
    expect(status(settings(), [{ name: 'Any failure', enabled: true, muted: false }])).toEqual({ muted: false, reasons: [] });
  });

  it('names a maintenance window in force, what it mutes and when it ends; past and future windows do not count', () => {
    const s = settings({ maintenanceWindows: [
      { id: 'a', label: ' DB upgrade ', from: AT - MIN, to: AT + 60 * MIN, workflowIds: [] },
      { id: 'b', label: '', from: AT - MIN, to: AT + 30 * MIN, workflowIds: [3, 4] },
      { id: 'old', label: 'over', from: AT - 120 * MIN, to: AT, workflowIds: [] },
      { id: 'later', label: 'later', from: AT + MIN, to: AT + 120 * MIN, workflowIds: [] },
    ] });
    expect(status(s).reasons).toEqual([
      { kind: 'maintenance', label: 'Maintenance mutes “Invoice sync” and “Supplier sync”', until: AT + 30 * MIN },
      { kind: 'maintenance', label: 'Maintenance “DB upgrade” mutes every workflow', until: AT + 60 * MIN },
    ]);
    // The engine holds exactly what the banner says: every workflow under "DB upgrade".
    expect(mayNotify({ settings: s, ruleMuted: false, workflowId: 5, severity: 'critical', snoozedUntil: null }, AT)).toEqual({ send: false, reason: 'maintenance window' });
  });

  it('tells the tray pause apart from maintenance', () => {
    const s = settings({ maintenanceWindows: [{ id: PAUSE_WINDOW_ID, label: 'Notifications paused from the tray', from: AT - MIN, to: AT + 15 * MIN, workflowIds: [] }] });
    expect(status(s)).toEqual({ muted: true, reasons: [{ kind: 'paused', label: 'Notifications are paused', until: AT + 15 * MIN }] });
  });

  it('gives the end of quiet hours in their own zone, only while they are in force', () => {
    const quiet = { enabled: true, startMinute: 22 * 60, endMinute: 7 * 60, timezone: 'Europe/Berlin' };
    expect(status(settings({ quietHours: quiet })).reasons).toEqual([
      // 07:00 in Berlin (winter) is 06:00 UTC the next morning.
      { kind: 'quiet_hours', label: 'Quiet hours: only critical incidents notify', until: Date.UTC(2026, 0, 16, 6) },
    ]);
    expect(status(settings({ quietHours: { ...quiet, startMinute: 9 * 60, endMinute: 17 * 60 } })).reasons).toEqual([]);
    expect(status(settings({ quietHours: { ...quiet, enabled: false } })).reasons).toEqual([]);
  });

  it('lists enabled muted rules and muted workflows, with no end', () => {
    const rules = [
      { name: 'Any failure', enabled: true, muted: true },
      { name: 'Old', enabled: false, muted: true },
      { name: 'Slow', enabled: true, muted: false },
    ];
    expect(status(settings({ mutedWorkflowIds: [3, 99] }), rules).reasons).toEqual([
      { kind: 'rules_muted', label: 'The rule “Any failure” is muted', until: null },
      { kind: 'workflows_muted', label: 'Notifications about “Invoice sync” are muted', until: null },
    ]);
    expect(status(settings({ mutedWorkflowIds: [98, 99] })).reasons[0]!.label).toBe('Notifications about 2 workflows are muted');
    const many = ['A', 'B', 'C', 'D', 'E'].map((name) => ({ name, enabled: true, muted: true }));
    expect(status(settings(), many).reasons[0]!.label).toBe('5 rules are muted: “A”, “B” and 3 more');
  });
});
