import { useRef, useState, type FormEvent } from 'react';
import type { OncallPerson, PersonSettings } from '../../../../core/contract/oncall.ts';
import { ROLE_LABELS } from '../../../../core/contract/permissions.ts';
import { useCan } from '../../../lib/access.ts';
import { useSettingsStore } from '../../../lib/settings-store.ts';
import { KIND_LABEL } from '../channel-form.ts';
import { hm, minuteOf, quietSummary } from '../oncall-form.ts';
import { useOncallStore } from '../oncall-store.ts';
import { TimeZoneSelect } from './TimeZoneSelect.tsx';

/** One person's own channels and quiet hours, edited in place of their row. */
function PersonForm({ person, onDone }: { person: OncallPerson; onDone: () => void }) {
  const channels = useSettingsStore((s) => s.channels);
  const savePerson = useOncallStore((s) => s.savePerson);
  const saveMine = useOncallStore((s) => s.saveMine);
  const mine = useOncallStore((s) => s.me !== null && s.me.toLowerCase() === person.login.toLowerCase());
  const canAnyone = useCan('oncall/set-person-settings');
  const canMine = useCan('oncall/set-my-settings');
  // An Admin sets anyone's; everyone else sets their own.
  const own = mine && !canAnyone.ok;
  const can = own ? canMine : canAnyone;
  const save = own ? saveMine : savePerson;
  const [form, setForm] = useState<PersonSettings>(person.settings);
  const [error, setError] = useState<string | null>(null);
  const q = form.quietHours;
  const toggleChannel = (id: number, on: boolean) =>
    setForm({ ...form, channelIds: on ? [...form.channelIds, id] : form.channelIds.filter((c) => c !== id) });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await save(form);
    if (r.ok) onDone();
    else setError(r.message.replace(/^[\w.]+: /, ''));
  };
  const title = `person-${person.login}-title`;
  return (
    <form className="settings-form person-form" onSubmit={(e) => void submit(e)} aria-labelledby={title} data-testid="person-form">
      <h4 id={title} className="person-form-title">How {person.displayName} is paged</h4>
      <label className="check person-wide"><input type="checkbox" checked={form.desktop} onChange={(e) => setForm({ ...form, desktop: e.target.checked })}
        data-testid="person-desktop" /> On their desktop (the Flowdeck app signed in as them)</label>
      <fieldset className="field person-wide">
        <legend className="field-label">Their own channels</legend>
        {channels.length ? channels.map((c) => (
          <label key={c.id} className="check"><input type="checkbox" checked={form.channelIds.includes(c.id)} onChange={(e) => toggleChannel(c.id, e.target.checked)}
            data-testid="person-channel" /> {c.name} <span className="muted">{KIND_LABEL[c.kind]}{c.enabled ? '' : ' · off'}</span></label>
        )) : <p className="muted">No channels yet: add one under Notification channels (their email address, or a phone app: ntfy, Pushover, Telegram).</p>}
      </fieldset>
      <label className="check person-wide"><input type="checkbox" checked={q.enabled} onChange={(e) => setForm({ ...form, quietHours: { ...q, enabled: e.target.checked } })}
        data-testid="person-quiet" /> Quiet hours: hold their pages (critical incidents still reach them)</label>
      <label className="field"><span className="field-label">From</span>
        <input type="time" value={hm(q.startMinute)} disabled={!q.enabled}
          onChange={(e) => setForm({ ...form, quietHours: { ...q, startMinute: minuteOf(e.target.value) ?? q.startMinute } })} /></label>
      <label className="field"><span className="field-label">Until</span>
        <input type="time" value={hm(q.endMinute)} disabled={!q.enabled}
          onChange={(e) => setForm({ ...form, quietHours: { ...q, endMinute: minuteOf(e.target.value) ?? q.endMinute } })} /></label>
      <label className="field"><span className="field-label">Their time zone</span>
        <TimeZoneSelect value={q.timezone} onChange={(timezone) => setForm({ ...form, quietHours: { ...q, timezone } })} testId="person-quiet-timezone" /></label>
      <div className="incident-actions">
        <button type="submit" className="button button-primary" data-testid="person-save" {...can.lock}>Save</button>
        <button type="button" className="button" onClick={onDone}>Cancel</button>
      </div>
      {error ? <p className="notice notice-error" role="alert">{error}</p> : null}
    </form>
  );
}

/** One person: role, how they are paged (desktop, their channels), quiet hours, and Edit. */
function PersonRow({ person: p, onEdit, editRef }: { person: OncallPerson; onEdit: () => void; editRef: (el: HTMLButtonElement | null) => void }) {
  const channels = useSettingsStore((s) => s.channels);
  const mine = useOncallStore((s) => s.me !== null && s.me.toLowerCase() === p.login.toLowerCase());
  const canAnyone = useCan('oncall/set-person-settings');
  const canMine = useCan('oncall/set-my-settings');
  const can = mine && !canAnyone.ok ? canMine : canAnyone;
  const names = p.settings.channelIds.map((id) => channels.find((c) => c.id === id)?.name).filter((n): n is string => !!n);
  const routes = [...(p.settings.desktop ? ['desktop'] : []), ...names];
  return (
    <li data-testid="person-row" data-login={p.login}>
      <strong>{p.displayName}</strong>{mine ? <span className="muted"> (you)</span> : null} <span className="muted">{p.login} · {ROLE_LABELS[p.role]}{p.disabled ? ' · disabled, never paged' : ''}</span>
      {p.disabled ? null : <>
        <span className="person-routes">{routes.length ? `Paged on: ${routes.join(', ')}` : 'No way to page them yet: choose their channels'}</span>
        <span className="muted">Quiet hours: {quietSummary(p.settings.quietHours)}</span>
      </>}
      <button type="button" className="button button-small" onClick={onEdit} ref={editRef} aria-label={`Edit how ${p.displayName} is paged`}
        data-testid="person-edit" {...can.lock}>Edit</button>
    </li>
  );
}

/** Everyone who can be on duty, and how each is paged. */
export function OncallPeople() {
  const people = useOncallStore((s) => s.people);
  const [editing, setEditing] = useState<string | null>(null);
  /** Back from the form, focus returns (once) to the button that opened it. */
  const returnTo = useRef<string | null>(null);
  const close = () => { returnTo.current = editing; setEditing(null); };
  const focusRef = (login: string) => (el: HTMLButtonElement | null) => {
    if (el && returnTo.current === login) { returnTo.current = null; el.focus(); }
  };
  return (
    <div className="oncall-people" data-testid="oncall-people">
      <h3>People and how they are paged</h3>
      <ul className="channel-list">
        {people.map((p) => (p.login === editing
          ? <li key={p.login} className="channel-editing"><PersonForm person={p} onDone={close} /></li>
          : <PersonRow key={p.login} person={p} onEdit={() => setEditing(p.login)} editRef={focusRef(p.login)} />))}
      </ul>
    </div>
  );
}
