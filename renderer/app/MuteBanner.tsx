import { useEffect } from 'react';
import type { MuteReason } from '../../core/contract/alerts.ts';
import { useDisplayZone } from '../lib/display-zone.ts';
import { formatWhen } from '../lib/format.ts';
import { serverNow } from '../lib/server-clock.ts';
import { useNow } from '../lib/useNow.ts';
import { useMuteStore } from './mute-store.ts';

/** Re-asks this often anyway: quiet hours begin with no event to announce them. */
const POLL_MS = 60_000;

/** Where each hold is ended: rules are muted in the Incidents page's rule list, the rest in Settings. */
const ENDED_IN: Record<MuteReason['kind'], 'settings' | 'incidents'> = {
  paused: 'settings', maintenance: 'settings', quiet_hours: 'settings', workflows_muted: 'settings', rules_muted: 'incidents',
};

/**
 * Shown on every page while notifications are held for any reason: the tray's pause, a maintenance window, quiet
 * hours, muted rules or workflows (the core's alerts/get-mute-status). Each reason says until when, in the display zone.
 */
export function MuteBanner() {
  const status = useMuteStore((s) => s.status);
  const now = useNow();
  useDisplayZone((s) => s.zone);
  useEffect(() => {
    const { activate, refresh } = useMuteStore.getState();
    const off = activate();
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => { off(); clearInterval(timer); };
  }, []);
  // Ask again the moment the earliest hold ends by itself.
  const nextEnd = status?.reasons.reduce<number | null>((min, r) => (r.until !== null && (min === null || r.until < min) ? r.until : min), null) ?? null;
  useEffect(() => {
    if (nextEnd === null) return;
    const timer = setTimeout(() => void useMuteStore.getState().refresh(), Math.min(Math.max(nextEnd - serverNow() + 500, 500), POLL_MS));
    return () => clearTimeout(timer);
  }, [nextEnd]);
  if (!status?.muted) return null;
  const places = new Set(status.reasons.map((r) => ENDED_IN[r.kind]));
  return (
    <div className="mute-banner" role="status" data-testid="mute-banner">
      <svg className="mute-icon" viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round"
        strokeLinejoin="round" aria-hidden="true" focusable="false">
        <path d="M18 8a6 6 0 0 0-9.3-5M6.3 6.3A6 6 0 0 0 6 8c0 7-3 9-3 9h14M13.7 21a2 2 0 0 1-3.4 0M3 3l18 18" />
      </svg>
      <div className="mute-text">
        <strong>Alerts are muted.</strong> Incidents are still recorded, but notifications are held:
        <ul>
          {status.reasons.map((r) => (
            <li key={`${r.kind}:${r.label}`} data-kind={r.kind} data-testid="mute-reason">
              {r.label}{r.until !== null ? `, until ${formatWhen(r.until, now)}` : ''}
            </li>
          ))}
        </ul>
      </div>
      <span className="mute-links">
        {places.has('settings') ? <a className="button button-small" href="#/settings" data-testid="mute-banner-settings">End it in Settings</a> : null}
        {places.has('incidents') ? <a className="button button-small" href="#/incidents" data-testid="mute-banner-rules">Unmute rules</a> : null}
      </span>
    </div>
  );
}
