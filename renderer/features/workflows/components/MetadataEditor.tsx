import { useState } from 'react';
import type { RegistryMetadata } from '../../../../core/contract/registry.ts';
import { fromForm, toForm, type MetadataForm } from '../metadata-form.ts';
import { useRegistryStore } from '../registry-store.ts';
import { useCan } from '../../../lib/access.ts';
import { LockedNote } from '../../../ui/LockedNote.tsx';

/** Owner, purpose, runbook, environment, criticality, tags and expected schedule, edited by the team. */
export function MetadataEditor({ metadata }: { metadata: RegistryMetadata }) {
  const save = useRegistryStore((s) => s.saveMetadata);
  const canSave = useCan('registry/save-metadata');
  const [form, setForm] = useState<MetadataForm>(() => toForm(metadata));
  const [problem, setProblem] = useState<string | null>(null);
  const field = <K extends keyof MetadataForm>(k: K) => ({
    value: form[k], onChange: (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value as MetadataForm[K] }),
  });
  const submit = async () => {
    const r = fromForm(form);
    if (!r.ok) return setProblem(r.message);
    setProblem(null);
    await save(r.metadata);
  };
  return (
    <form className="card metadata-editor" data-testid="metadata-editor" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h3>About this workflow</h3>
      <label>Owner <input {...field('owner')} data-testid="meta-owner" placeholder="team or person" /></label>
      <label>Environment <select {...field('environment')} data-testid="meta-environment"><option value="">not set</option><option value="production">production</option><option value="test">test</option></select></label>
      <label>Criticality <select {...field('criticality')}><option value="">not set</option><option>low</option><option>medium</option><option>high</option><option>critical</option></select></label>
      <label>Tags <input {...field('tags')} placeholder="comma, separated" /></label>
      <label>Expected schedule <select {...field('scheduleKind')}><option value="none">none</option><option value="interval">every N minutes</option><option value="cron">cron</option></select></label>
      {form.scheduleKind === 'interval' ? <label>Every (minutes) <input {...field('everyMinutes')} inputMode="numeric" /></label> : null}
      {form.scheduleKind === 'cron' ? <><label>Cron <input {...field('cron')} /></label><label>Time zone <input {...field('timezone')} /></label></> : null}
      <label className="wide">Purpose <textarea {...field('purpose')} rows={2} /></label>
      <label className="wide">Runbook (markdown) <textarea {...field('runbook')} rows={5} data-testid="meta-runbook" /></label>
      {problem ? <p className="notice notice-error" role="alert">{problem}</p> : null}
      <button type="submit" className="button button-primary button-small" data-testid="meta-save" {...canSave.lock}>Save</button>
      <LockedNote cans={[canSave]} testId="meta-locked" />
    </form>
  );
}
