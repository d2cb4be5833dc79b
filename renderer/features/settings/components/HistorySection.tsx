import { useEffect, useState } from 'react';
import { KEEP_DAYS_MAX } from '../../../../core/contract/monitoring.ts';
import { ConfirmButton } from '../../../ui/ConfirmButton.tsx';
import { useCan } from '../../../lib/access.ts';
import { parseKeepDays, pruneSentence } from '../retention-form.ts';
import { useRetentionStore } from '../retention-store.ts';

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

/** "Keep run history for N days", saved through the core, and "Prune now" with how many runs it removed. */
function HistoryForm({ keepDays }: { keepDays: number }) {
  const save = useRetentionStore((s) => s.saveKeepDays);
  const prune = useRetentionStore((s) => s.pruneNow);
  const canSave = useCan('monitoring/set-retention');
  const canPrune = useCan('monitoring/prune-runs');
  const pruning = useRetentionStore((s) => s.pruning);
  const lastPrune = useRetentionStore((s) => s.lastPrune);
  const [text, setText] = useState(String(keepDays));
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const commit = async () => {
    setMessage(null);
    const typed = parseKeepDays(text);
    if (!typed.ok) return setFieldError(typed.message);
    const r = await save(typed.days);
    if (r.ok) {
      setFieldError(null);
      setMessage({ ok: true, text: `Saved. Flowdeck keeps runs for ${days(typed.days)}.` });
    } else if (r.field === 'keepDays') setFieldError(r.message.replace(/^[\w.]+: /, ''));
    else setMessage({ ok: false, text: r.message });
  };
  return (
    <form className="settings-form" noValidate aria-label="Run history" data-testid="retention-form" onSubmit={(e) => { e.preventDefault(); void commit(); }}>
      <label className="field"><span className="field-label">Keep run history for (days)</span>
        <input type="number" inputMode="numeric" min={1} max={KEEP_DAYS_MAX} step={1} value={text} aria-invalid={fieldError !== null}
          onChange={(e) => { setText(e.target.value); setFieldError(null); setMessage(null); }} data-testid="retention-days" />
        {fieldError ? <span className="field-error" role="alert" data-testid="retention-field-error">{fieldError}</span> : null}</label>
      <div className="incident-actions"><button type="submit" className="button button-primary" data-testid="retention-save" {...canSave.lock}>Save history setting</button></div>
      {message ? <p className={message.ok ? 'notice' : 'notice notice-error'} role={message.ok ? 'status' : 'alert'} data-testid="retention-message">{message.text}</p> : null}
      <div className="incident-actions">
        {pruning ? <span className="muted" role="status">Removing old runs…</span> : (
          <ConfirmButton label="Prune now" testId="retention-prune" can={canPrune} onConfirm={() => void prune()}
            question={`Remove every run older than ${days(keepDays)} now? Their daily totals stay.`} />
        )}
        <span className="muted">Removes the runs older than this now, instead of at the next daily pass.</span>
      </div>
      {lastPrune ? (
        <p className={lastPrune.ok ? 'notice' : 'notice notice-error'} role={lastPrune.ok ? 'status' : 'alert'} data-testid="retention-prune-result">
          {lastPrune.ok ? pruneSentence(lastPrune) : lastPrune.message}</p>
      ) : null}
    </form>
  );
}

/**
 * History: the vendors keep runs for a while; Flowdeck keeps its own copy for as long as the owner chooses here.
 * Pruning removes single runs only: the hourly and daily totals stay (core/store/retention-repo.ts never touches them).
 */
export function HistorySection() {
  const load = useRetentionStore((s) => s.load);
  const keepDays = useRetentionStore((s) => s.keepDays);
  const error = useRetentionStore((s) => s.error);
  useEffect(() => { void load(); }, [load]);
  return (
    <section data-testid="history">
      <h2>History</h2>
      <p className="muted">n8n, Make, Zapier and GitHub keep only a limited history of runs. Flowdeck keeps its own copy of
        every run it collects, for as long as you choose here, so you can look further back than they let you.</p>
      <p className="muted">Once a day, Flowdeck removes runs older than this. The daily totals behind the charts, error counts
        and SLA reports are always kept, so older periods still show how things went, only without the single runs.</p>
      {error ? <p className="notice notice-error" role="alert">{error}</p> : null}
      {keepDays !== null ? <HistoryForm keepDays={keepDays} /> : null}
    </section>
  );
}
