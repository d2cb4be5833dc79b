import { auditActorOf } from '../contract/actor.ts';
import type { AlertSettings, MaintenanceWindow } from '../contract/alerts.ts';
import { activeWindows, PAUSE_WINDOW_ID } from '../alerts/policy.ts';
import type { Alerting } from '../alerts/service.ts';
import type { Ledger } from '../store/ledger.ts';
import { desktopCaller } from './caller.ts';

export { PAUSE_WINDOW_ID };

const MINUTE = 60_000;
const MAX_WINDOWS = 100;

export interface PauseDeps {
  alerting: Pick<Alerting, 'store' | 'changed'>;
  audit: Ledger['audit'];
  /** The OS user pausing from the tray (audited as the desktop's caller). */
  actor: string;
}

/** When the tray's pause ends, if one is in force at `now`. */
export function pausedUntil(settings: AlertSettings, now: number): number | null {
  return activeWindows(settings, now).find((m) => m.id === PAUSE_WINDOW_ID)?.to ?? null;
}

function save(deps: PauseDeps, windows: MaintenanceWindow[], now: number): void {
  const { store } = deps.alerting;
  const before = store.readSettings();
  const after: AlertSettings = { ...before, maintenanceWindows: windows };
  store.writeSettings(after, now);
  deps.audit.append({ ...auditActorOf(desktopCaller(deps.actor)), action: 'alert-settings.updated', target: 'settings:alerts', detail: { before, after } }, now);
  deps.alerting.changed();
}

/**
 * Pauses every notification channel for `minutes`: an all-workflow maintenance window, so the alert engine holds
 * notifications as it does for any maintenance (incidents are still recorded; one still open when the pause ends is
 * notified then). It shows in Settings and is audited. Returns false (nothing written) when Settings is full.
 */
export function pauseNotifications(deps: PauseDeps, minutes: number, now: number): boolean {
  const others = deps.alerting.store.readSettings().maintenanceWindows.filter((w) => w.id !== PAUSE_WINDOW_ID);
  if (others.length >= MAX_WINDOWS) return false;
  const pause: MaintenanceWindow = { id: PAUSE_WINDOW_ID, label: 'Notifications paused from the tray', from: now, to: now + minutes * MINUTE, workflowIds: [] };
  save(deps, [...others, pause], now);
  return true;
}

/** Ends the tray's pause early. Returns false when there was none. */
export function resumeNotifications(deps: PauseDeps, now: number): boolean {
  const windows = deps.alerting.store.readSettings().maintenanceWindows;
  const others = windows.filter((w) => w.id !== PAUSE_WINDOW_ID);
  if (others.length === windows.length) return false;
  save(deps, others, now);
  return true;
}
