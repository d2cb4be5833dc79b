import { useState, type FormEvent } from 'react';
import { MONITOR_SLUG } from '../../../../../core/contract/push.ts';
import { usePushStore } from '../store.ts';
import { useCan } from '../../../../lib/access.ts';
import { noSchedule, ScheduleInputs, toSchedule, type ScheduleFields } from './ScheduleInputs.tsx';

/** "Name: Nightly backup" → "nightly-backup". */
export function slugFromName(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
}

export function CreateMonitorForm() {
  const createMonitor = usePushStore((s) => s.createMonitor);
  // Creating a monitor also fetches its snippets (push/get-snippets): both are an Admin's.
  const canCreate = useCan('push/create-monitor');
  const canSnippets = useCan('push/get-snippets');
  const lock = canCreate.ok ? canSnippets.lock : canCreate.lock;
  const creating = usePushStore((s) => s.creating);
  const createError = usePushStore((s) => s.createError);
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [schedule, setSchedule] = useState<ScheduleFields>(noSchedule);
  const effectiveSlug = slugEdited ? slug : slugFromName(name);
  const slugOk = MONITOR_SLUG.test(effectiveSlug);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!slugOk || !name.trim()) return;
    if (await createMonitor(effectiveSlug, name.trim(), toSchedule(schedule))) {
      setSchedule(noSchedule());
      setName('');
      setSlug('');
      setSlugEdited(false);
    }
  };

  return (
    <form className="push-create" onSubmit={(e) => void onSubmit(e)} data-testid="push-create-monitor">
      <label className="field">
        <span className="field-label">Job name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Nightly backup" maxLength={200} required />
      </label>
      <label className="field">
        <span className="field-label">Slug (in the ping URL)</span>
        <input
          value={effectiveSlug}
          onChange={(e) => { setSlugEdited(true); setSlug(e.target.value); }}
          placeholder="nightly-backup"
          maxLength={64}
          aria-invalid={effectiveSlug !== '' && !slugOk}
        />
      </label>
      <ScheduleInputs value={schedule} onChange={setSchedule} />
      <button type="submit" className="button button-primary" disabled={creating || !slugOk || !name.trim()} {...lock}>
        {creating ? 'Adding…' : 'Add monitor'}
      </button>
      {effectiveSlug !== '' && !slugOk ? (
        <p className="push-hint notice notice-error">Use lowercase letters, digits, "-" or "_" (up to 64), starting with a letter or digit.</p>
      ) : null}
      {createError ? <p className="push-hint notice notice-error" role="alert">{createError}</p> : null}
    </form>
  );
}
