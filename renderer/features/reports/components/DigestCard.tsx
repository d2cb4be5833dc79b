import '../../../ui/forms.css';
import { useEffect, useState } from 'react';
import type { DigestSettings, DigestSettingsOutput } from '../../../../core/contract/reports.ts';
import { useCan } from '../../../lib/access.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { LockedNote } from '../../../ui/LockedNote.tsx';
import { loadMyDigest, saveMyDigest } from '../store.ts';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
type Form = Omit<DigestSettings, 'login'>;

/** The signed-in person's email digest: off, daily or weekly, at the hour they choose in their time zone. */
export function DigestCard() {
  const canSave = useCan('reports/set-my-digest-settings');
  const [me, setMe] = useState<string | null | undefined>(undefined);
  const [data, setData] = useState<DigestSettingsOutput | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const { me: who, digest: out } = await loadMyDigest();
        if (!live) return;
        setMe(who);
        if (out === null) return;
        setData(out);
        const { login: _login, ...rest } = out.settings;
        setForm(rest);
      } catch (error) {
        if (live) setNote(error instanceof Error ? error.message : String(error));
      }
    })();
    return () => { live = false; };
  }, []);
  const save = async () => {
    if (!form) return;
    setSaving(true);
    setNote(null);
    try {
      const out = await saveMyDigest(form);
      setData(out);
      setNote(out.nextAt === null ? 'Saved: no digest.' : `Saved. The next one comes ${formatDateTime(out.nextAt)}.`);
    } catch (error) {
      setNote(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };
  let body;
  if (me === undefined) body = <p className="muted">Reading your settings…</p>;
  else if (me === null) {
    body = <p className="muted">The digest is each person’s own: sign in to the team server with your own login to choose yours. An Admin can set anyone’s.</p>;
  } else if (form && data) {
    const up = (patch: Partial<Form>) => setForm({ ...form, ...patch });
    body = (
      <form className="digest-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
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
        <button type="submit" className="button button-primary" disabled={saving} data-testid="digest-save" {...canSave.lock}>{saving ? 'Saving…' : 'Save'}</button>
      </form>
    );
  }
  return (
    <section className="card report-section report-digest" data-testid="report-digest">
      <h2>This report by email</h2>
      <p className="card-note muted">
        {data && data.emailChannels.length === 0
          ? 'It goes to your own email channels. You have none yet: add an email channel in Settings, then choose it as yours under On duty.'
          : `It goes to your own email channels${data ? ` (${data.emailChannels.map((c) => c.name).join(', ')})` : ''}, with the figures as a CSV file.`}
      </p>
      {body}
      <LockedNote cans={[canSave]} testId="digest-locked" />
      {note ? <p className="small" role="status">{note}</p> : null}
    </section>
  );
}
