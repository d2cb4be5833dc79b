import { useState } from 'react';
import type { AlertSettings, MaintenanceWindow } from '../../../../core/contract/alerts.ts';
import { formatDuration, formatWhen } from '../../../lib/format.ts';
import { serverNow } from '../../../lib/server-clock.ts';
import { useNow } from '../../../lib/useNow.ts';
import { useWorkflowsStore } from '../../../lib/workflows-store.ts';
import { DURATIONS, EMPTY_WINDOW, scopeWords, windowFrom, windowState, type StartMode, type WindowForm } from '../maintenance-form.ts';
import { useSettingsStore } from '../../../lib/settings-store.ts';
import { useCan, type LockProps } from '../../../lib/access.ts';

const STATE_WORDS = { active: 'Muting now', upcoming: 'Scheduled', over: 'Ended' } as const;

function WindowRow({ w, now, name, onRemove, lock }: { w: MaintenanceWindow; now: number; name: (id: number) => string | undefined; onRemove: () => void; lock: LockProps }) {
  const state = windowState(w, now);
  return (
    <li data-testid="maintenance-row" data-state={state} data-label={w.label}>
      <strong>{w.label || 'Maintenance'}</strong>
      <span className="muted">{STATE_WORDS[state]} · {scopeWords(w.workflowIds, name)} · {formatWhen(w.from, now)} → {formatWhen(w.to, now)}</span>
      <button type="button" className="button button-quiet button-small" onClick={onRemove} data-testid="maintenance-remove" {...lock}>{state === 'active' ? 'End now' : 'Remove'}</button>
    </li>
  );
}

/**
 * Maintenance windows hold every notification about what they cover. Nothing starts by default: the owner chooses what
 * to mute and either starts it now for a while or schedules it, and the form says what that means before it is saved.
 */
export function MaintenanceSection({ settings }: { settings: AlertSettings }) {
  const save = useSettingsStore((s) => s.saveSettings);
  const canSave = useCan('alerts/save-settings');
  const workflows = useWorkflowsStore((s) => s.items);
  useNow();
  // Read at each render (a save re-renders): a window just started is "Muting now" at once, not at the next 30 s tick.
  const now = serverNow();
  const [f, setF] = useState<WindowForm>(EMPTY_WINDOW);
  const [mode, setMode] = useState<StartMode>('now');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const name = (id: number) => workflows.find((w) => w.id === id)?.name;
  const up = (patch: Partial<WindowForm>) => { setF({ ...f, ...patch }); setMessage(null); };
  const draft = windowFrom(f, mode, now, 'preview', name);
  const commit = async (windows: MaintenanceWindow[], done: string) => {
    const r = await save({ ...settings, maintenanceWindows: windows });
    setMessage(r.ok ? { ok: true, text: done } : { ok: false, text: r.message.replace(/^[\w.]+: /, '') });
    return r.ok;
  };
  const add = async (how: StartMode) => {
    setMode(how);
    const at = serverNow();
    const r = windowFrom(f, how, at, `w${at.toString(36)}`, name);
    if (!r.ok) return setMessage({ ok: false, text: r.message });
    if (await commit([...settings.maintenanceWindows, r.window], `Saved. ${r.summary}`)) setF(EMPTY_WINDOW);
  };
  return (
    <section data-testid="maintenance">
      <h2>Maintenance windows</h2>
      <p className="muted">While a window is on, Flowdeck still records incidents but sends no notification about the workflows it covers.</p>
      {settings.maintenanceWindows.length ? (
        <ul className="channel-list" data-testid="maintenance-list">
          {settings.maintenanceWindows.map((w) => (
            <WindowRow key={w.id} w={w} now={now} name={name}
              lock={canSave.lock} onRemove={() => void commit(settings.maintenanceWindows.filter((x) => x.id !== w.id), `Removed “${w.label || 'Maintenance'}”.`)} />
          ))}
        </ul>
      ) : <p className="muted" data-testid="maintenance-none">No maintenance windows.</p>}
      <form className="settings-form" aria-label="Add a maintenance window" data-testid="maintenance-form" onSubmit={(e) => { e.preventDefault(); void add(mode); }}>
        <label className="field"><span className="field-label">Label (what is being worked on)</span>
          <input value={f.label} onChange={(e) => up({ label: e.target.value })} placeholder="e.g. Supplier API upgrade" data-testid="maintenance-label" /></label>
        <label className="field"><span className="field-label">Mute</span>
          <select value={f.scope} onChange={(e) => up({ scope: e.target.value })} required data-testid="maintenance-scope">
            <option value="" disabled>Choose what to mute…</option>
            <option value="all">Every workflow</option>
            {workflows.map((w) => <option key={w.id} value={`w:${w.id}`}>{w.name}</option>)}
          </select></label>
        <fieldset className="field maintenance-when" onFocus={() => setMode('now')}>
          <legend className="field-label">Start now</legend>
          <span className="maintenance-now">
            <select value={f.minutes} onChange={(e) => up({ minutes: Number(e.target.value) })} aria-label="For how long" data-testid="maintenance-duration">
              {DURATIONS.map((m) => <option key={m} value={m}>for {formatDuration(m * 60_000)}</option>)}
            </select>
            <button type="button" className="button" onClick={() => void add('now')} data-testid="maintenance-start-now" {...canSave.lock}>Start now</button>
          </span>
        </fieldset>
        <fieldset className="field maintenance-when schedule" onFocus={() => setMode('schedule')}>
          <legend className="field-label">Or schedule it</legend>
          <span className="maintenance-now">
            <input type="datetime-local" value={f.from} onChange={(e) => up({ from: e.target.value })} aria-label="Starts" data-testid="maintenance-from" />
            <input type="datetime-local" value={f.to} onChange={(e) => up({ to: e.target.value })} aria-label="Ends" data-testid="maintenance-to" />
            <button type="button" className="button" onClick={() => void add('schedule')} data-testid="maintenance-schedule" {...canSave.lock}>Schedule</button>
          </span>
        </fieldset>
        {draft.ok ? <p className="notice" data-testid="maintenance-summary">{draft.summary}</p> : null}
      </form>
      {message ? <p className={message.ok ? 'notice' : 'notice notice-error'} role={message.ok ? 'status' : 'alert'} data-testid="maintenance-message">{message.text}</p> : null}
    </section>
  );
}
