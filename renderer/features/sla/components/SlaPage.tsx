import '../../../ui/monitoring.css';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatCount, formatDuration } from '../../../lib/format.ts';
import { useListKeyboard } from '../../../lib/useListKeyboard.ts';
import { useLive } from '../../../lib/useLive.ts';
import { runsHref } from '../../../lib/range.ts';
import { PageError } from '../../../ui/PageError.tsx';
import { PageLoading } from '../../../ui/PageLoading.tsx';
import { RangePicker } from '../../../ui/RangePicker.tsx';
import { useUrlSync } from '../../../app/url-state.ts';
import { useSlaStore } from '../store.ts';
import { SLA_URL } from '../url.ts';
import type { SlaRow } from '../../../../core/contract/monitoring.ts';

const BASIS: Record<SlaRow['basis'], string> = {
  registry: 'set in the registry',
  rule: 'from a missed-run rule',
  vendor: 'the vendor’s own schedule',
  observed: 'no known schedule: not counted',
};

const NOT_COUNTED = 'No known schedule (it runs on events, or nobody set one): silence is not counted as missed runs. Set an expected schedule in the registry or a missed-run rule to measure it.';

/** Per workflow: the expected schedule and where it comes from, compliance, missed runs, and durations against a threshold. */
export function SlaPage() {
  const s = useSlaStore(useShallow((x) => x));
  useLive(s.activate);
  useUrlSync(SLA_URL);
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
              <td data-testid="sla-expected">{r.expectedLabel ?? '—'}<div className="muted small" data-basis={r.basis}>{BASIS[r.basis]}</div></td>
              <td className="num">{formatCount(r.runs)}</td>
              <td className="num" data-testid="sla-missed">{r.basis === 'observed'
                ? <span title={NOT_COUNTED}>—</span> : r.missedRuns ? <span className="text-danger">{formatCount(r.missedRuns)}</span> : '0'}</td>
              <td className="num" data-testid="sla-compliance">{r.compliancePct === null
                ? <span title={r.basis === 'observed' ? NOT_COUNTED : 'Nothing was expected in this range.'}>—</span> : `${r.compliancePct.toFixed(1)} %`}</td>
              <td className="num">{formatDuration(r.p50Ms)}</td>
              <td className={r.withinThreshold === false ? 'num text-danger' : 'num'}>{formatDuration(r.p95Ms)}</td>
              <td className="num">{formatDuration(r.thresholdMs)}{r.thresholdBasis === 'rule' ? <div className="muted small">duration rule</div> : null}</td>
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
        Each workflow is measured against its schedule: the one set in the registry, else a missed-run rule’s, else the
        vendor’s own (n8n, Make, GitHub). A run is missed when the schedule expected more runs in a day than
        happened. Compliance counts runs that did not fail against the runs expected. Workflows without a known schedule
        (event- or webhook-driven) show only an estimated cadence: their silence is never counted as missed and they have
        no compliance (—); add an expected schedule in the registry or a missed-run rule to measure one. Threshold: a
        duration rule’s limit, else three times the typical (p50) duration.
      </p>
      {body}
      <p className="keyboard-hint muted"><kbd>j</kbd> <kbd>k</kbd> move · <kbd>Enter</kbd> open runs</p>
    </section>
  );
}
