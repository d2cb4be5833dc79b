import { useState } from 'react';
import type { ReportWorkflow } from '../../../../core/contract/reports.ts';
import { useCan } from '../../../lib/access.ts';
import { LockedNote } from '../../../ui/LockedNote.tsx';
import { saveMinutesSaved } from '../store.ts';

/** "One run of X saves about N minutes of someone's work": the estimate behind the hours saved. */
export function MinutesSavedForm({ workflows }: { workflows: readonly ReportWorkflow[] }) {
  const canSave = useCan('reports/set-minutes-saved');
  const [workflowId, setWorkflowId] = useState(workflows[0]?.workflowId ?? 0);
  const current = workflows.find((w) => w.workflowId === workflowId);
  const [minutes, setMinutes] = useState('');
  const [note, setNote] = useState<string | null>(null);
  if (!workflows.length) return null;
  const save = async () => {
    const value = minutes.trim() === '' ? null : Number(minutes);
    if (value !== null && (!Number.isFinite(value) || value < 0)) {
      setNote('Enter minutes as a number, 0 or more (leave it empty for none).');
      return;
    }
    try {
      await saveMinutesSaved(workflowId, value);
      setNote(value === null ? 'Saved: no estimate for this workflow.' : 'Saved.');
    } catch (error) {
      setNote(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <form className="digest-form minutes-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <label className="field"><span className="field-label">One run of</span>
        <select value={workflowId} onChange={(e) => { setWorkflowId(Number(e.target.value)); setMinutes(''); setNote(null); }} data-testid="minutes-workflow">
          {workflows.map((w) => <option key={w.workflowId} value={w.workflowId}>{w.workflowName}</option>)}
        </select></label>
      <label className="field"><span className="field-label">saves about (minutes)</span>
        <input inputMode="decimal" value={minutes} placeholder={current?.minutesSavedPerRun === null || current === undefined ? 'none' : String(current.minutesSavedPerRun)}
          onChange={(e) => setMinutes(e.target.value)} data-testid="minutes-value" /></label>
      <button type="submit" className="button" data-testid="minutes-save" {...canSave.lock}>Save</button>
      <LockedNote cans={[canSave]} testId="minutes-locked" />
      {note ? <p className="small" role="status">{note}</p> : null}
    </form>
  );
}
