import { useState } from 'react';
import type { ConnectorUsage, UsageMeasure } from '../../../../core/contract/usage.ts';
import { useCan } from '../../../lib/access.ts';
import { useUsageStore } from '../store.ts';

/** The owner types in the plan: what it counts, its quota, the day a cycle begins and (Zapier) the figure on its usage page. */
export function PlanForm({ c, onDone }: { c: ConnectorUsage; onDone: () => void }) {
  const savePlan = useUsageStore((s) => s.savePlan);
  const can = useCan('usage/set-plan');
  const [f, setF] = useState({ measure: c.measure, quota: c.quota === null ? '' : String(c.quota), billingDay: String(c.billingDay),
    typedUsed: c.typedUsed === null ? '' : String(c.typedUsed) });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const up = (patch: Partial<typeof f>) => setF({ ...f, ...patch });
  const submit = async () => {
    setSaving(true);
    const r = await savePlan({ connectorId: c.connectorId, measure: f.measure, quota: f.quota.trim() === '' ? null : Number(f.quota),
      billingDay: Number(f.billingDay), typedUsed: f.typedUsed.trim() === '' ? null : Number(f.typedUsed) });
    setSaving(false);
    if (r.ok) onDone();
    else setError(r.message);
  };
  return (
    <form className="usage-plan-form" aria-label={`Plan of ${c.connectorName}`} data-testid="usage-plan-form"
      onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      {c.measures.length > 1 ? (
        <label className="field"><span className="field-label">Counted in</span>
          <select value={f.measure} onChange={(e) => up({ measure: e.target.value as UsageMeasure })} data-testid="usage-plan-measure">
            {c.measures.map((m) => <option key={m} value={m}>{m}</option>)}
          </select></label>
      ) : null}
      <label className="field"><span className="field-label">Quota per cycle ({f.measure})</span>
        <input type="number" min="1" value={f.quota} onChange={(e) => up({ quota: e.target.value })} placeholder="e.g. 10000" autoFocus data-testid="usage-plan-quota" /></label>
      <label className="field"><span className="field-label">Cycle begins on day</span>
        <input type="number" min="1" max="31" value={f.billingDay} onChange={(e) => up({ billingDay: e.target.value })} data-testid="usage-plan-day" /></label>
      {c.vendor === 'zapier' ? (
        <label className="field"><span className="field-label">Tasks used, from Zapier’s usage page</span>
          <input type="number" min="0" value={f.typedUsed} onChange={(e) => up({ typedUsed: e.target.value })} placeholder="optional" data-testid="usage-plan-typed" /></label>
      ) : null}
      <div className="incident-actions">
        <button type="submit" className="button button-primary" disabled={saving} data-testid="usage-plan-save" {...can.lock}>{saving ? 'Saving…' : 'Save plan'}</button>
        <button type="button" className="button button-quiet" onClick={onDone}>Cancel</button>
      </div>
      {error ? <p className="notice notice-error" role="alert">{error.replace(/^[\w.]+: /, '')}</p> : null}
    </form>
  );
}
