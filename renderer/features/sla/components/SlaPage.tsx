import '../../overview/monitoring.css';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatCount, formatDuration } from '../../../lib/format.ts';
import { useListKeyboard, useLive } from '../../overview/hooks.ts';
import { runsHref } from '../../overview/range.ts';
import { PageError, PageLoading } from '../../overview/components/PageState.tsx';
import { RangePicker } from '../../overview/components/RangePicker.tsx';
import { useSlaStore } from '../store.ts';

function interval(ms: number | null): string {
  if (ms === null) return '—';
  return `every ${formatDuration(ms)}`;
}

/** Per workflow: the expected cadence (observed for now), compliance, missed runs, and durations against a threshold. */
export function SlaPage() {
  const s = useSlaStore(useShallow((x) => x));
  useLive(s.activate);
  const rows = s.data?.rows ?? [];
  const keys = useMemo(() => ({
    move: (d: number) => useSlaStore.getState().moveSelection(d, rows.length),
    open: () => {
      const { selected, data } = useSlaStore.getState();
      const row = data?.rows[selected];
      if (row && data) window.location.hash = runsHref({ workflow: row.workflowId, from: data.from, to: data.to });
    },
  }), [rows.length]);
  useListKeyboard(keys);
  let body;
  if (s.phase === 'error' && !s.data) body = <PageError what="SLA compliance" message={s.error} onRetry={() => void s.reload()} />;
  else if (!s.data) body = <PageLoading what="SLA compliance" />;
  else if (!rows.length) body = <div className="empty-state"><p>No runs in this range.</p></div>;
  else {
    const { from, to } = s.data;
    body = (
      <table className="data-table sla-table" data-testid="sla-table" aria-busy={s.refreshing}>
        <thead>
          <tr><th>Workflow</th><th>Expected</th><th className="num">Runs</th><th className="num">Missed</th><th className="num">Compliance</th>
            <th className="num">p50</th><th className="num">p95</th><th className="num">Threshold</th></tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.workflowId} data-testid="sla-row" className={i === s.selected ? 'selected' : undefined} aria-selected={i === s.selected}>
              <td><a href={runsHref({ workflow: r.workflowId, from, to })}>{r.workflowName}</a><div className="muted small">{r.connectorName}</div></td>
              <td>{interval(r.expectedIntervalMs)}</td>
              <td className="num">{formatCount(r.runs)}</td>
              <td className="num">{r.missedRuns ? <span className="text-danger">{formatCount(r.missedRuns)}</span> : '0'}</td>
              <td className="num" data-testid="sla-compliance">{r.compliancePct === null ? '—' : `${r.compliancePct.toFixed(1)} %`}</td>
              <td className="num">{formatDuration(r.p50Ms)}</td>
              <td className={r.withinThreshold === false ? 'num text-danger' : 'num'}>{formatDuration(r.p95Ms)}</td>
              <td className="num">{formatDuration(r.thresholdMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <section className="page-pad monitoring-page" data-testid="sla-page">
      <div className="page-toolbar">
        <RangePicker range={s.range} customFrom={s.customFrom} customTo={s.customTo} onRange={s.setRange} onCustom={s.setCustom} />
      </div>
      <p className="muted small sla-basis">
        Expectations come from each workflow’s observed run cadence until schedules and missed-run rules are set up.
        Compliance counts runs that did not fail against the runs expected; a run is missed when a gap is longer than twice the expected interval.
        Threshold: three times the typical (p50) duration.
      </p>
      {body}
      <p className="keyboard-hint muted"><kbd>j</kbd> <kbd>k</kbd> move · <kbd>Enter</kbd> open runs</p>
    </section>
  );
}
