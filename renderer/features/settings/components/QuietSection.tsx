import { useState } from 'react';
import type { AlertSettings } from '../../../../core/contract/alerts.ts';
import { formatFullDateTime, fromDateTimeLocal, toDateTimeLocal } from '../../../lib/format.ts';
import { serverNow } from '../../../lib/server-clock.ts';
import { useSettingsStore } from '../store.ts';

const toHm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const fromHm = (v: string) => {
  const [h, m] = v.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

function newWindow() {
  const now = serverNow();
  return { label: '', from: toDateTimeLocal(now), to: toDateTimeLocal(now + 3_600_000) };
}

/** Quiet hours (only critical incidents notify) and maintenance windows (nothing notifies). */
export function QuietSection({ settings }: { settings: AlertSettings }) {
  const save = useSettingsStore((s) => s.saveSettings);
  const [q, setQ] = useState(settings.quietHours);
  const [win, setWin] = useState(newWindow);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const commit = async (next: AlertSettings) => {
    const r = await save(next);
    setMessage(r.ok ? { ok: true, text: 'Saved.' } : { ok: false, text: r.message });
  };
  const addWindow = () => {
    const from = fromDateTimeLocal(win.from);
    const to = fromDateTimeLocal(win.to);
    if (from === null || to === null) return setMessage({ ok: false, text: 'Enter a start and an end.' });
    void commit({ ...settings, maintenanceWindows: [...settings.maintenanceWindows, { id: `w${serverNow().toString(36)}`, label: win.label, from, to, workflowIds: [] }] });
  };
  return (
    <section data-testid="quiet-hours">
      <h2>Quiet hours</h2>
      <form className="settings-form" onSubmit={(e) => { e.preventDefault(); void commit({ ...settings, quietHours: q }); }}>
        <label className="check"><input type="checkbox" checked={q.enabled} onChange={(e) => setQ({ ...q, enabled: e.target.checked })} data-testid="quiet-enabled" /> Hold non-critical notifications</label>
        <label className="field"><span className="field-label">From</span><input type="time" value={toHm(q.startMinute)} onChange={(e) => setQ({ ...q, startMinute: fromHm(e.target.value) })} /></label>
        <label className="field"><span className="field-label">Until</span><input type="time" value={toHm(q.endMinute)} onChange={(e) => setQ({ ...q, endMinute: fromHm(e.target.value) })} /></label>
        <label className="field"><span className="field-label">Time zone</span><input value={q.timezone} onChange={(e) => setQ({ ...q, timezone: e.target.value })} /></label>
        <div className="incident-actions"><button type="submit" className="button button-primary" data-testid="quiet-save">Save quiet hours</button></div>
      </form>
      <h2>Maintenance windows</h2>
      <ul className="channel-list" data-testid="maintenance-list">
        {settings.maintenanceWindows.map((w) => (
          <li key={w.id}>
            <strong>{w.label || 'Maintenance'}</strong> <span className="muted">{formatFullDateTime(w.from)} → {formatFullDateTime(w.to)}</span>
            <button type="button" className="button button-quiet button-small" onClick={() => void commit({ ...settings, maintenanceWindows: settings.maintenanceWindows.filter((x) => x.id !== w.id) })}>Remove</button>
          </li>
        ))}
      </ul>
      <form className="settings-form" onSubmit={(e) => { e.preventDefault(); addWindow(); }}>
        <label className="field"><span className="field-label">Label</span><input value={win.label} onChange={(e) => setWin({ ...win, label: e.target.value })} /></label>
        <label className="field"><span className="field-label">Starts</span><input type="datetime-local" value={win.from} onChange={(e) => setWin({ ...win, from: e.target.value })} /></label>
        <label className="field"><span className="field-label">Ends</span><input type="datetime-local" value={win.to} onChange={(e) => setWin({ ...win, to: e.target.value })} /></label>
        <div className="incident-actions"><button type="submit" className="button">Add window</button></div>
      </form>
      {message ? <p className={message.ok ? 'notice' : 'notice notice-error'} role="status">{message.text}</p> : null}
    </section>
  );
}
