import { useState, type FormEvent } from 'react';
import type { Shift } from '../../../../core/contract/oncall.ts';
import { useCan } from '../../../lib/access.ts';
import { displayTimeZone } from '../../../lib/format.ts';
import { endMinuteOf, minuteOf, shiftHours, shiftsByDay, WEEKDAYS } from '../oncall-form.ts';
import { useOncallStore } from '../oncall-store.ts';
import { TimeZoneSelect } from './TimeZoneSelect.tsx';

/** One shift on the week: who, when, in which zone, and a Remove button that says which shift it removes. */
function ShiftChip({ shift, name, day }: { shift: Shift; name: string; day: string }) {
  const remove = useOncallStore((s) => s.removeShift);
  const can = useCan('oncall/set-rota');
  const [busy, setBusy] = useState(false);
  return (
    <li className="rota-shift" data-testid="rota-shift" data-login={shift.login}>
      <span><strong>{name}</strong> {shiftHours(shift)} <span className="muted">{shift.timezone}{shift.position ? ` · ${ordinal(shift.position + 1)} in order` : ''}</span></span>
      <button type="button" className="button button-small button-quiet" disabled={busy} {...can.lock}
        aria-label={`Remove ${name}’s ${day} shift, ${shiftHours(shift)}`} data-testid="rota-remove"
        onClick={async () => { setBusy(true); await remove(shift.id); setBusy(false); }}>Remove</button>
    </li>
  );
}

const ordinal = (n: number) => `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;

/** Adds one shift: a person, a day, from and until, a time zone, and the order among shifts that overlap. */
function AddShiftForm() {
  const everyone = useOncallStore((s) => s.people);
  const people = everyone.filter((p) => !p.disabled);
  const add = useOncallStore((s) => s.addShift);
  const can = useCan('oncall/set-rota');
  const [form, setForm] = useState({ login: '', weekday: 1, from: '09:00', until: '17:00', timezone: displayTimeZone(), order: 1 });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const login = form.login || people[0]?.login || '';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const startMinute = minuteOf(form.from);
    const endMinute = endMinuteOf(form.until);
    if (startMinute === null || endMinute === null) {
      setMessage({ ok: false, text: 'Give the shift a start and an end time.' });
      return;
    }
    const r = await add({ login, weekday: form.weekday, startMinute, endMinute, timezone: form.timezone, position: Math.max(0, form.order - 1) });
    const day = WEEKDAYS.find((w) => w.day === form.weekday)!.name;
    const who = people.find((p) => p.login === login)?.displayName ?? login;
    setMessage(r.ok ? { ok: true, text: `Added ${who} on ${day}s.` } : { ok: false, text: r.message.replace(/^[\w.]+: /, '') });
  };
  return (
    <form className="settings-form rota-add" onSubmit={(e) => void submit(e)} aria-labelledby="rota-add-title" data-testid="rota-add">
      <h3 id="rota-add-title" className="rota-add-title">Add a shift</h3>
      <label className="field"><span className="field-label">Who</span>
        <select value={login} onChange={(e) => setForm({ ...form, login: e.target.value })} data-testid="rota-add-person">
          {people.map((p) => <option key={p.login} value={p.login}>{p.displayName}</option>)}
        </select></label>
      <label className="field"><span className="field-label">Day</span>
        <select value={form.weekday} onChange={(e) => setForm({ ...form, weekday: Number(e.target.value) })} data-testid="rota-add-day">
          {WEEKDAYS.map((w) => <option key={w.day} value={w.day}>{w.name}</option>)}
        </select></label>
      <label className="field"><span className="field-label">From</span>
        <input type="time" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} required data-testid="rota-add-from" /></label>
      <label className="field"><span className="field-label">Until (before From: the next day)</span>
        <input type="time" value={form.until} onChange={(e) => setForm({ ...form, until: e.target.value })} required data-testid="rota-add-until" /></label>
      <label className="field"><span className="field-label">Time zone</span>
        <TimeZoneSelect value={form.timezone} onChange={(timezone) => setForm({ ...form, timezone })} testId="rota-add-timezone" /></label>
      <label className="field"><span className="field-label">Order when shifts overlap (1 is paged first)</span>
        <input type="number" min={1} max={20} value={form.order} onChange={(e) => setForm({ ...form, order: Number(e.target.value) || 1 })} data-testid="rota-add-order" /></label>
      <div className="incident-actions">
        <button type="submit" className="button button-primary" data-testid="rota-add-save" disabled={!login} {...can.lock}>Add shift</button>
      </div>
      {message ? <p className={message.ok ? 'notice' : 'notice notice-error'} role="status">{message.text}</p> : null}
    </form>
  );
}

/** The week's rota, Monday first: each day's shifts, and the form that adds one. */
export function RotaWeek() {
  const shifts = useOncallStore((s) => s.shifts);
  const people = useOncallStore((s) => s.people);
  const nameOf = (login: string) => people.find((p) => p.login.toLowerCase() === login.toLowerCase())?.displayName ?? login;
  const days = shiftsByDay(shifts);
  return (
    <div className="rota" data-testid="rota">
      <h3>The week</h3>
      {shifts.length ? (
        <table className="rota-table">
          <tbody>
            {WEEKDAYS.map((w) => (
              <tr key={w.day} data-testid="rota-day">
                <th scope="row">{w.name}</th>
                <td>{days.get(w.day)!.length
                  ? <ul className="rota-shifts">{days.get(w.day)!.map((s) => <ShiftChip key={s.id} shift={s} name={nameOf(s.login)} day={w.name} />)}</ul>
                  : <span className="muted">Nobody on duty</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="oncall-empty" data-testid="rota-empty">No rota yet: add a first shift below, for example someone on Mondays from 09:00
          to 17:00. Until there is one, incidents page the workflow’s owner and, when nobody acknowledges within the rule’s escalation
          time, the owner of this Flowdeck.</p>
      )}
      <AddShiftForm />
    </div>
  );
}
