import '../../../ui/forms.css';
import { useEffect, useState } from 'react';
import type { DigestSettings, DigestSettingsOutput } from '../../../../core/contract/reports.ts';
import { useCan } from '../../../lib/access.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { LockedNote } from '../../../ui/LockedNote.tsx';
import { loadDigest, loadPeople, saveDigestFor, saveMyDigest } from '../store.ts';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
type Form = Omit<DigestSettings, 'login'>;
const formOf = ({ login: _login, ...rest }: DigestSettings): Form => rest;

/**
 * An email digest: off, daily or weekly, at the hour chosen in the person's time zone. A person sets their own; an
 * Admin chooses anyone's (the desktop, which has no login of its own, too).
 */
export function DigestCard() {
  const canOwn = useCan('reports/set-my-digest-settings');
  const canAny = useCan('reports/set-digest-settings');
  const [people, setPeople] = useState<{ me: string | null; people: { login: string; displayName: string }[] } | null>(null);
  const [login, setLogin] = useState<string | null>(null);
  const [data, setData] = useState<DigestSettingsOutput | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const fail = (error: unknown) => setNote(error instanceof Error ? error.message : String(error));
  useEffect(() => {
    let live = true;
    loadPeople().then((p) => {
      if (!live) return;
      setPeople(p);
      setLogin(p.me ?? (canAny.ok ? p.people[0]?.login ?? null : null));
    }, fail);
    return () => { live = false; };
  }, [canAny.ok]);
  useEffect(() => {
    if (login === null) return undefined;
    let live = true;
    loadDigest(login).then((out) => {
      if (!live) return;
      setData(out);
      setForm(formOf(out.settings));
    }, fail);
    return () => { live = false; };
  }, [login]);
  const own = people !== null && login !== null && login === people.me;
  const can = own ? canOwn : canAny;
  const save = async () => {
    if (!form || login === null) return;
    setSaving(true);
    setNote(null);
    try {
      const out = own ? await saveMyDigest(form) : await saveDigestFor({ ...form, login });
      setData(out);
      setNote(out.nextAt === null ? 'Saved: no digest.' : `Saved. The next one comes ${formatDateTime(out.nextAt)}.`);
    } catch (error) {
      fail(error);
    } finally {
      setSaving(false);
    }
  };
  let body;
  if (people === null) body = <p className="muted">Reading the settings…</p>;
  else if (login === null) {
    body = <p className="muted">The digest is each person’s own: sign in to the team server with your own login to choose yours. An Admin can set anyone’s here.</p>;
  } else if (form && data) {
    const up = (patch: Partial<Form>) => setForm({ ...form, ...patch });
    body = (
      <form className="digest-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        {canAny.ok && people.people.length > 1 ? (
          <label className="field"><span className="field-label">For</span>
            <select value={login} onChange={(e) => { setNote(null); setLogin(e.target.value); }} data-testid="digest-person">
              {people.people.map((p) => <option key={p.login} value={p.login}>{p.login === people.me ? `${p.displayName} (you)` : p.displayName}</option>)}
            </select></label>
        ) : null}
        <label className="field"><span className="field-label">How often</span>
          <select value={form.cadence} onChange={(e) => up({ cadence: e.target.value as Form['cadence'] })} data-testid="digest-cadence">
            <option value="off">Never</option><option value="daily">Every day (yesterday’s report)</option><option value="weekly">Every week (last week’s report)</option>
          </select></label>
        {form.cadence === 'weekly' ? (
          <label className="field"><span className="field-label">On</span>
            <select value={form.weekday} onChange={(e) => up({ weekday: Number(e.target.value) })}>
              {DAYS.map((d, i) => <option key={d} value={i + 1}>{d}</option>)}
            </select></label>
        ) : null}
        <label className="field"><span className="field-label">At</span>
          <select value={form.hour} onChange={(e) => up({ hour: Number(e.target.value) })}>
            {Array.from({ length: 24 }, (_, h) => <option key={h} value={h}>{`${String(h).padStart(2, '0')}:00`}</option>)}
          </select></label>
        <label className="field"><span className="field-label">Time zone</span>
          <input value={form.timezone} onChange={(e) => up({ timezone: e.target.value })} placeholder="Europe/Berlin" /></label>
        <button type="submit" className="button button-primary" disabled={saving} data-testid="digest-save" {...can.lock}>{saving ? 'Saving…' : 'Save'}</button>
      </form>
    );
  }
  return (
    <section className="card report-section report-digest" data-testid="report-digest">
      <h2>This report by email</h2>
      <p className="card-note muted">
        {data && login !== null && data.emailChannels.length === 0
          ? 'It goes to the person’s own email channels, and there is none yet: add an email channel in Settings, then choose it as theirs under On duty.'
          : `It goes to the person’s own email channels${data && login !== null ? ` (${data.emailChannels.map((c) => c.name).join(', ')})` : ''}, with the figures as a CSV file.`}
      </p>
      {body}
      <LockedNote cans={[can]} testId="digest-locked" />
      {note ? <p className="small" role="status">{note}</p> : null}
    </section>
  );
}
