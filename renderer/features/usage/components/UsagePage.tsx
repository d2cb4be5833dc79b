import '../../../ui/monitoring.css';
import '../usage.css';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ConnectorUsage } from '../../../../core/contract/usage.ts';
import { useCan } from '../../../lib/access.ts';
import { formatCount } from '../../../lib/format.ts';
import { runsHref } from '../../../lib/range.ts';
import { useLive } from '../../../lib/useLive.ts';
import { vendorName } from '../../../lib/vendor-name.ts';
import { PageError } from '../../../ui/PageError.tsx';
import { PageLoading } from '../../../ui/PageLoading.tsx';
import { useUsageStore } from '../store.ts';
import { PlanForm } from './PlanForm.tsx';

const BASIS_LABEL: Record<ConnectorUsage['basis'], string> = { exact: 'Exact', estimate: 'Estimate', typed: 'Your figure + estimate' };

/** Cycles begin at midnight UTC, so their days are read in UTC: "1 Dec". */
const day = (t: number) => new Date(t).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const amount = (n: number) => formatCount(Math.round(n));

function Meter({ c }: { c: ConnectorUsage }) {
  if (!c.quota) return null;
  const pct = (n: number) => `${Math.min(100, (100 * n) / c.quota!)}%`;
  const level = c.forecastPercent === null ? 'ok' : c.forecastPercent > 100 ? 'over' : c.forecastPercent >= 80 ? 'near' : 'ok';
  return (
    <div className="usage-meter" data-level={level} data-used={c.used > c.quota ? 'over' : 'under'} role="img"
      aria-label={`${amount(c.used)} of ${amount(c.quota)} ${c.measure} used${c.forecast === null ? '' : `, ${amount(c.forecast)} forecast`}`}>
      {c.forecast !== null ? <span className="usage-meter-forecast" style={{ width: pct(c.forecast) }} /> : null}
      <span className="usage-meter-used" style={{ width: pct(c.used) }} />
    </div>
  );
}

function ConnectorCard({ c }: { c: ConnectorUsage }) {
  const can = useCan('usage/set-plan');
  const [editing, setEditing] = useState(false);
  const pctClass = c.forecastPercent === null ? undefined : c.forecastPercent > 100 ? 'usage-over' : c.forecastPercent >= 80 ? 'usage-near' : undefined;
  return (
    <section className="usage-card" aria-labelledby={`usage-${c.connectorId}`} data-testid="usage-card" data-connector={c.connectorId}>
      <div className="usage-card-head">
        <h2 id={`usage-${c.connectorId}`}>{c.connectorName}</h2>
        <span className="muted small">{vendorName(c.vendor, c.connectorName)} · {c.measure}</span>
        <span className="usage-basis" data-basis={c.basis} data-testid="usage-basis" title={c.basisNote}>{BASIS_LABEL[c.basis]}</span>
        <span className="usage-head-actions">
          {editing ? null : <button type="button" className="button" onClick={() => setEditing(true)} data-testid="usage-plan-edit" {...can.lock}>
            {c.quota === null ? 'Enter the plan' : 'Edit the plan'}</button>}
        </span>
      </div>
      {editing ? <PlanForm c={c} onDone={() => setEditing(false)} /> : null}
      <dl className="usage-figures">
        <div><dt>Used this cycle</dt><dd data-testid="usage-used">{amount(c.used)}</dd></div>
        <div><dt>Forecast by {day(c.cycleEnd)}</dt><dd data-testid="usage-forecast">{c.forecast === null ? '—' : amount(c.forecast)}</dd></div>
        <div><dt>Plan</dt><dd data-testid="usage-quota">{c.quota === null ? '—' : amount(c.quota)}</dd></div>
        <div><dt>Forecast of the plan</dt><dd className={pctClass} data-testid="usage-percent">{c.forecastPercent === null ? '—' : `${formatCount(Math.round(c.forecastPercent))} %`}</dd></div>
      </dl>
      <Meter c={c} />
      {c.quota === null ? <p className="usage-empty-quota" data-testid="usage-no-quota">Enter your plan’s quota to see the forecast against it. You find it on {vendorName(c.vendor, c.connectorName)}’s billing or usage page.</p> : null}
      {c.forecast === null ? <p className="muted small">Flowdeck needs at least an hour of runs before it can forecast the cycle’s end.</p> : null}
      <p className="muted small" data-testid="usage-note">
        {c.basisNote} Cycle: {day(c.cycleStart)} to {day(c.cycleEnd)} (begins on day {c.billingDay} at midnight UTC).
        {c.basis === 'typed' && c.typedAt !== null ? ` You typed ${amount(c.typedUsed ?? 0)} on ${day(c.typedAt)}.` : ''}
      </p>
      {c.top.length ? (
        <table className="data-table usage-top" data-testid="usage-top">
          <caption className="muted small" style={{ textAlign: 'left' }}>Uses the most this cycle</caption>
          <thead><tr><th>Workflow</th><th className="num">Runs</th><th className="num">{c.measure}</th><th className="num">Share</th></tr></thead>
          <tbody>
            {c.top.map((w) => (
              <tr key={w.workflowId}>
                <td><a href={runsHref({ workflow: w.workflowId, from: c.cycleStart })}>{w.name}</a></td>
                <td className="num">{formatCount(w.runs)}</td>
                <td className="num">{amount(w.used)}</td>
                <td className="num">{c.used > 0 ? `${Math.round((100 * w.used) / c.used)} %` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p className="muted small">No use recorded in this cycle yet.</p>}
    </section>
  );
}

/** Use against each vendor plan: to date in the billing cycle, the forecast at its end, and the workflows that use the most. */
export function UsagePage() {
  const s = useUsageStore(useShallow((x) => x));
  useLive(s.activate);
  let body;
  if (s.error && !s.loaded) body = <PageError what="usage" message={s.error} onRetry={() => void s.reload()} />;
  else if (!s.loaded) body = <PageLoading what="usage" />;
  else if (s.error) body = <PageError what="usage" message={s.error} onRetry={() => void s.reload()} />;
  else if (!s.connectors.length) body = <div className="empty-state"><p>No vendor connector yet. <a href="#/connectors">Add one</a> to see what your automations use of its plan.</p></div>;
  else body = s.connectors.map((c) => <ConnectorCard key={c.connectorId} c={c} />);
  return (
    <section className="page-pad usage-page" data-testid="usage-page">
      <p className="muted usage-intro">
        What your automations use of each vendor’s plan in this billing cycle, and where that use is heading. Exact figures come
        from the vendor; estimates are Flowdeck’s own count and can differ from the bill. Add a usage rule (Incidents → Rules) to be
        told before the plan runs out, or when a workflow starts running in a loop.
      </p>
      {body}
    </section>
  );
}
