import type { AlertSettings, MaintenanceWindow, Severity } from '../contract/alerts.ts';

const MINUTE = 60_000;

/** The maintenance window the tray's "pause notifications" writes (one at most; a new pause replaces it). */
export const PAUSE_WINDOW_ID = 'tray-pause';

const minuteFormats = new Map<string, Intl.DateTimeFormat>();

/** Minutes after local midnight in `timezone`. */
export function localMinute(now: number, timezone: string): number {
  let f = minuteFormats.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    minuteFormats.set(timezone, f);
  }
  const parts = f.formatToParts(now);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/** A daily window of quiet hours: minutes after local midnight in `timezone` (an end before the start crosses midnight). */
export interface QuietWindow { enabled: boolean; startMinute: number; endMinute: number; timezone: string }

/** When the quiet hours in force at `now` end; null when they are not in force. */
export function quietHoursUntil(settings: AlertSettings, now: number): number | null {
  return quietWindowUntil(settings.quietHours, now);
}

/** When the quiet window `q` in force at `now` ends; null when it is not in force (a person's own quiet hours use it too). */
export function quietWindowUntil(q: QuietWindow, now: number): number | null {
  if (!q.enabled || q.startMinute === q.endMinute) return null;
  const m = localMinute(now, q.timezone);
  const inside = q.startMinute < q.endMinute ? m >= q.startMinute && m < q.endMinute : m >= q.startMinute || m < q.endMinute;
  if (!inside) return null;
  const until = now - (now % MINUTE) + ((q.endMinute - m + 1440) % 1440) * MINUTE;
  // Across a clock change the local end is an hour off the plain count.
  for (const shift of [0, -60, 60]) {
    const at = until + shift * MINUTE;
    if (at > now && localMinute(at, q.timezone) === q.endMinute) return at;
  }
  return until;
}

export function inQuietHours(settings: AlertSettings, now: number): boolean {
  return quietHoursUntil(settings, now) !== null;
}

/** The maintenance windows in force at `now` (the tray's pause is one of them). */
export function activeWindows(settings: AlertSettings, now: number): MaintenanceWindow[] {
  return settings.maintenanceWindows.filter((w) => now >= w.from && now < w.to);
}

/** Whether a window holds notifications about this workflow (a window without workflows holds all of them). */
export function windowCovers(w: MaintenanceWindow, workflowId: number | null): boolean {
  return w.workflowIds.length === 0 || (workflowId !== null && w.workflowIds.includes(workflowId));
}

export function inMaintenance(settings: AlertSettings, workflowId: number | null, now: number): boolean {
  return activeWindows(settings, now).some((w) => windowCovers(w, workflowId));
}

export type Verdict = { send: true } | { send: false; reason: 'rule muted' | 'workflow muted' | 'maintenance window' | 'quiet hours' | 'snoozed' };

/**
 * Pure: may a notification about this incident go out now? Incidents are still recorded when it may not.
 * Quiet hours hold back everything but critical incidents. mute-status.ts tells the owner about the same holds.
 */
export function mayNotify(p: { settings: AlertSettings; ruleMuted: boolean; workflowId: number | null; severity: Severity; snoozedUntil: number | null }, now: number): Verdict {
  if (p.ruleMuted) return { send: false, reason: 'rule muted' };
  if (p.workflowId !== null && p.settings.mutedWorkflowIds.includes(p.workflowId)) return { send: false, reason: 'workflow muted' };
  if (inMaintenance(p.settings, p.workflowId, now)) return { send: false, reason: 'maintenance window' };
  if (p.snoozedUntil !== null && now < p.snoozedUntil) return { send: false, reason: 'snoozed' };
  if (p.severity !== 'critical' && inQuietHours(p.settings, now)) return { send: false, reason: 'quiet hours' };
  return { send: true };
}
