import { useState } from 'react';
import type { AlertSettings } from '../../../../core/contract/alerts.ts';
import { displayTimeZone } from '../../../lib/format.ts';
import { useSettingsStore } from '../../../lib/settings-store.ts';
import { useCan } from '../../../lib/access.ts';
import { TimeZoneSelect } from './TimeZoneSelect.tsx';

const toHm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const fromHm = (v: string) => {
  const [h, m] = v.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Quiet hours: only critical incidents notify. Until they are first turned on, their zone is the display zone. */
export function QuietSection({ settings }: { settings: AlertSettings }) {
  const save = useSettingsStore((s) => s.saveSettings);
  const canSave = useCan('alerts/save-settings');
  const [q, setQ] = useState(() => (settings.quietHours.enabled ? settings.quietHours : { ...settings.quietHours, timezone: displayTimeZone() }));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const commit = async () => {
    const r = await save({ ...settings, quietHours: q });
    setMessage(r.ok ? { ok: true, text: 'Saved.' } : { ok: false, text: r.message.replace(/^[\w.]+: /, '') });
  };
  return (
    <section data-testid="quiet-hours">
      <h2>Quiet hours</h2>
      <form className="settings-form" onSubmit={(e) => { e.preventDefault(); void commit(); }}>
        <label className="check"><input type="checkbox" checked={q.enabled} onChange={(e) => setQ({ ...q, enabled: e.target.checked })} data-testid="quiet-enabled" /> Hold non-critical notifications</label>
        <label className="field"><span className="field-label">From</span><input type="time" value={toHm(q.startMinute)} onChange={(e) => setQ({ ...q, startMinute: fromHm(e.target.value) })} /></label>
        <label className="field"><span className="field-label">Until</span><input type="time" value={toHm(q.endMinute)} onChange={(e) => setQ({ ...q, endMinute: fromHm(e.target.value) })} /></label>
        <label className="field"><span className="field-label">Time zone</span>
          <TimeZoneSelect value={q.timezone} onChange={(timezone) => setQ({ ...q, timezone })} testId="quiet-timezone" /></label>
        <div className="incident-actions"><button type="submit" className="button button-primary" data-testid="quiet-save" {...canSave.lock}>Save quiet hours</button></div>
      </form>
      {message ? <p className={message.ok ? 'notice' : 'notice notice-error'} role="status">{message.text}</p> : null}
    </section>
  );
}
