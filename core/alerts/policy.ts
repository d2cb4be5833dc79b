import type { AlertSettings, Severity } from '../contract/alerts.ts';

/** Minutes after local midnight in `timezone`. */
export function localMinute(now: number, timezone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

export function inQuietHours(settings: AlertSettings, now: number): boolean {
  const q = settings.quietHours;
  if (!q.enabled || q.startMinute === q.endMinute) return false;
  const m = localMinute(now, q.timezone);
  return q.startMinute < q.endMinute ? m >= q.startMinute && m < q.endMinute : m >= q.startMinute || m < q.endMinute;
}

export function inMaintenance(settings: AlertSettings, workflowId: number | null, now: number): boolean {
  return settings.maintenanceWindows.some((w) => now >= w.from && now < w.to && (w.workflowIds.length === 0 || (workflowId !== null && w.workflowIds.includes(workflowId))));
}

export type Verdict = { send: true } | { send: false; reason: 'rule muted' | 'workflow muted' | 'maintenance window' | 'quiet hours' | 'snoozed' };

/**
 * Pure: may a notification about this incident go out now? Incidents are still recorded when it may not.
 * Quiet hours hold back everything but critical incidents.
 */
export function mayNotify(p: { settings: AlertSettings; ruleMuted: boolean; workflowId: number | null; severity: Severity; snoozedUntil: number | null }, now: number): Verdict {
  if (p.ruleMuted) return { send: false, reason: 'rule muted' };
  if (p.workflowId !== null && p.settings.mutedWorkflowIds.includes(p.workflowId)) return { send: false, reason: 'workflow muted' };
  if (inMaintenance(p.settings, p.workflowId, now)) return { send: false, reason: 'maintenance window' };
  if (p.snoozedUntil !== null && now < p.snoozedUntil) return { send: false, reason: 'snoozed' };
  if (p.severity !== 'critical' && inQuietHours(p.settings, now)) return { send: false, reason: 'quiet hours' };
  return { send: true };
}
