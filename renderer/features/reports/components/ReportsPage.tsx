import '../../../ui/monitoring.css';
import '../reports.css';
import type { ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Report } from '../../../../core/contract/reports.ts';
import { formatCount, formatDateTime, formatDuration } from '../../../lib/format.ts';
import { runsHref } from '../../../lib/range.ts';
import { incidentHref } from '../../../app/routes.ts';
import { useLive } from '../../../lib/useLive.ts';
import { PageError } from '../../../ui/PageError.tsx';
import { PageLoading } from '../../../ui/PageLoading.tsx';
import { useReportsStore, type ReportPeriod } from '../store.ts';
import { DigestCard } from './DigestCard.tsx';
import { MinutesSavedForm } from './MinutesSavedForm.tsx';

const pct = (p: number | null) => (p === null ? '—' : `${p >= 99.95 || p === 0 ? p.toFixed(0) : p.toFixed(1)} %`);

/** "This week", "Last week", "3 weeks ago". */
function periodWords(period: ReportPeriod, offset: number): string {
  if (offset === 0) return `This ${period} so far`;
  if (offset === -1) return `Last ${period}`;
  return `${-offset} ${period}s ago`;
}

function Section({ title, note, testId, children }: { title: string; note?: string; testId: string; children: ReactNode }) {
  return (
    <section className="card report-section" data-testid={testId}>
      <h2>{title}</h2>
      {note ? <p className="card-note muted">{note}</p> : null}
      {children}
    </section>
  );
}

const Empty = ({ children }: { children: ReactNode }) => <p className="report-empty muted">{children}</p>;

function Body({ r }: { r: Report }) {
  const { from, to } = r;
  if (!r.totals.runs && !r.incidents.length && !r.changes.length) {
    return (
      <div className="empty-state" data-testid="report-empty">
        <h2>Nothing ran in this {r.period}</h2>
        <p>Flowdeck reports on the runs it has seen. Add a connector on the Connectors page, or choose an earlier {r.period} above.</p>
      </div>
    );
  }
  return (
    <>
      <div className="stat-grid report-stats">
        <div className="stat-card"><div className="stat-label">Runs</div><div className="stat-value" data-testid="report-runs">{formatCount(r.totals.runs)}</div>
          <div className="stat-note">{r.totals.workflowsWithRuns} workflows ran</div></div>
        <div className="stat-card"><div className="stat-label">Failed</div><div className="stat-value" data-testid="report-failed">{formatCount(r.totals.failed)}</div>
          <div className="stat-note">{pct(r.totals.successPct)} succeeded</div></div>
        <div className="stat-card"><div className="stat-label">Incidents</div><div className="stat-value" data-testid="report-incidents">{r.totals.incidents}</div>
          <div className="stat-note">{r.medianAckMs === null ? 'none acknowledged' : `half acknowledged within ${formatDuration(r.medianAckMs)}`}</div></div>
        <div className="stat-card"><div className="stat-label">Time saved</div>
          {r.hoursSaved === null
            ? <div className="stat-note">Say how many minutes one run of a workflow saves (under Runs per workflow) to see the hours your automations saved.</div>
            : <><div className="stat-value" data-testid="report-saved">~{r.hoursSaved} h</div><div className="stat-note">saved by runs that succeeded</div></>}
        </div>
      </div>

      <Section title="Runs per workflow" testId="report-workflows" note="Sorted by failures. A run that did not fail counts as succeeded.">
        {r.workflows.length ? (
          <table className="data-table report-table">
            <thead><tr><th>Workflow</th><th className="num">Runs</th><th className="num">Failed</th><th className="num">Succeeded</th></tr></thead>
            <tbody>{r.workflows.map((w) => (
              <tr key={w.workflowId} data-testid="report-workflow-row">
                <td><a href={runsHref({ workflow: w.workflowId, from, to })}>{w.workflowName}</a><div className="muted small">{w.connectorName}</div></td>
                <td className="num">{formatCount(w.runs)}</td>
                <td className={w.failed ? 'num text-danger' : 'num'}>{formatCount(w.failed)}</td>
                <td className="num">{pct(w.successPct)}</td>
              </tr>))}
            </tbody>
          </table>
        ) : <Empty>No workflow ran in this {r.period}.</Empty>}
        <div className="report-minutes"><MinutesSavedForm workflows={r.workflows} /></div>
      </Section>

      <Section title="What broke and when it was fixed" testId="report-breaks" note="From the first failed run to the next run that did not fail.">
        {r.breaks.length ? (
          <table className="data-table report-table">
            <thead><tr><th>Workflow</th><th>Broke</th><th>Fixed</th><th className="num">Failed runs</th><th>First error</th></tr></thead>
            <tbody>{r.breaks.map((b) => (
              <tr key={`${b.workflowId}:${b.brokeAt}`}>
                <td>{b.workflowName}</td><td>{formatDateTime(b.brokeAt)}</td>
                <td>{b.fixedAt === null ? <span className="text-danger">still failing</span> : formatDateTime(b.fixedAt)}</td>
                <td className="num">{b.failedRuns}</td><td className="report-error">{b.firstError ?? '—'}</td>
              </tr>))}
            </tbody>
          </table>
        ) : <Empty>Nothing broke. Every run that finished succeeded.</Empty>}
      </Section>

      <Section title="Incidents" testId="report-incident-list" note={r.incidents.length
        ? `Half were acknowledged within ${formatDuration(r.medianAckMs)} and resolved within ${formatDuration(r.medianResolveMs)}.` : undefined}>
        {r.incidents.length ? (
          <table className="data-table report-table">
            <thead><tr><th>Incident</th><th>Opened</th><th className="num">Acknowledged after</th><th className="num">Resolved after</th></tr></thead>
            <tbody>{r.incidents.map((i) => (
              <tr key={i.id}>
                <td><a href={incidentHref(i.id)}>{i.targetName}</a><div className="muted small">{i.summary}</div></td>
                <td>{formatDateTime(i.openedAt)}</td>
                <td className="num">{i.ackMs === null ? '—' : formatDuration(i.ackMs)}</td>
                <td className="num">{i.resolveMs === null ? 'still open' : formatDuration(i.resolveMs)}</td>
              </tr>))}
            </tbody>
          </table>
        ) : <Empty>No incidents opened. Alert rules on the Incidents page decide what opens one.</Empty>}
      </Section>

      <Section title="Runs on schedule (SLA)" testId="report-sla" note="Whole days; runs that did not fail among the runs the schedule expected.">
        {r.sla.length ? (
          <table className="data-table report-table">
            <thead><tr><th>Workflow</th><th>Expected</th><th className="num">Missed</th><th className="num">On schedule</th></tr></thead>
            <tbody>{r.sla.map((s) => (
              <tr key={s.workflowId}>
                <td>{s.workflowName}</td><td>{s.expectedLabel ?? '—'}</td>
                <td className={s.missedRuns ? 'num text-danger' : 'num'}>{s.missedRuns}</td><td className="num">{pct(s.compliancePct)}</td>
              </tr>))}
            </tbody>
          </table>
        ) : <Empty>No workflow has a known schedule. Set an expected schedule in a workflow’s registry entry to measure it.</Empty>}
      </Section>

      <Section title="Top errors" testId="report-errors">
        {r.topErrors.length ? (
          <table className="data-table report-table">
            <thead><tr><th>Error</th><th className="num">Times</th><th>Workflows</th></tr></thead>
            <tbody>{r.topErrors.map((e) => (
              <tr key={e.fingerprint}><td className="report-error">{e.message}</td><td className="num">{formatCount(e.count)}</td><td>{e.workflows.join(', ')}</td></tr>))}
            </tbody>
          </table>
        ) : <Empty>No errors.</Empty>}
      </Section>

      <Section title="Changes" testId="report-changes" note="New versions of workflows, as Flowdeck saw them.">
        {r.changes.length ? (
          <table className="data-table report-table">
            <thead><tr><th>Workflow</th><th>Version</th><th>When</th></tr></thead>
            <tbody>{r.changes.map((c) => (
              <tr key={`${c.workflowId}:${c.number}`}><td>{c.workflowName}</td><td>v{c.number}</td><td>{formatDateTime(c.at)}</td></tr>))}
            </tbody>
          </table>
        ) : <Empty>No workflow changed.</Empty>}
      </Section>
    </>
  );
}

/** A week's or a month's report: what ran, what broke and was fixed, incidents, SLA, errors, changes; prints as a clean PDF. */
export function ReportsPage() {
  const s = useReportsStore(useShallow((x) => x));
  useLive(s.activate);
  let body;
  if (s.phase === 'error' && !s.data) body = <PageError what="the report" message={s.error} onRetry={() => void s.reload()} />;
  else if (!s.data) body = <PageLoading what="the report" />;
  else body = <Body r={s.data} />;
  return (
    <section className="page-pad monitoring-page reports-page" data-testid="reports-page">
      <div className="page-toolbar report-toolbar">
        <div className="segmented" role="group" aria-label="Period">
          {(['week', 'month'] as const).map((p) => (
            <button key={p} type="button" className={s.period === p ? 'button active' : 'button'} aria-pressed={s.period === p}
              onClick={() => s.choose(p, -1)}>{p === 'week' ? 'Week' : 'Month'}</button>
          ))}
        </div>
        <label className="report-which">
          <span className="visually-hidden">Which {s.period}</span>
          <select value={s.offset} onChange={(e) => s.choose(s.period, Number(e.target.value))} data-testid="report-offset">
            {Array.from({ length: s.period === 'week' ? 13 : 12 }, (_, k) => -k).map((o) => <option key={o} value={o}>{periodWords(s.period, o)}</option>)}
          </select>
        </label>
        <button type="button" className="button" onClick={() => window.print()}>Print or save as PDF</button>
      </div>
      {s.data ? (
        <header className="report-head">
          <h2 data-testid="report-label">{s.data.label}{s.data.partial ? ' (so far)' : ''}</h2>
          <p className="muted small">from {formatDateTime(s.data.from)} until {formatDateTime(s.data.to)} · times in {s.data.timeZone}</p>
        </header>
      ) : null}
      {body}
      <DigestCard />
    </section>
  );
}
