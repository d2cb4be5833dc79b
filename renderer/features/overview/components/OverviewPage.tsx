import '../../../ui/monitoring.css';
import { useShallow } from 'zustand/react/shallow';
import { useSystemStore } from '../../../lib/system-store.ts';
import { useLive } from '../../../lib/useLive.ts';
import { RANGE_LABELS, runsHref } from '../../../lib/range.ts';
import { useStatesStore } from '../../../lib/states-store.ts';
import { useOverviewStore } from '../store.ts';
import { ChartCard } from './ChartCard.tsx';
import { FailureRateChart } from './FailureRateChart.tsx';
import { FirstRun } from './FirstRun.tsx';
import { NowSection } from './NowSection.tsx';
import { PageError } from '../../../ui/PageError.tsx';
import { PageLoading } from '../../../ui/PageLoading.tsx';
import { RangePicker } from '../../../ui/RangePicker.tsx';
import { RecentFailures } from './RecentFailures.tsx';
import { RunsOverTimeChart, SERIES, type RunsBar, type SeriesKey } from './RunsOverTimeChart.tsx';
import { WorkflowTable } from './WorkflowTable.tsx';

const STATUS_FOR: Record<SeriesKey, string | undefined> = { success: 'success', warning: 'warning', failed: 'failed', other: undefined };

function OverviewBody() {
  const { data, phase, error, refreshing } = useOverviewStore(useShallow((s) => ({ data: s.data, phase: s.phase, error: s.error, refreshing: s.refreshing })));
  const reload = useOverviewStore((s) => s.reload);
  if (phase === 'error' && !data) return <PageError what="the overview" message={error} onRetry={() => void reload()} />;
  if (!data) return <PageLoading what="the overview" />;
  const drill = (bar: RunsBar, series: SeriesKey) => {
    const status = STATUS_FOR[series];
    window.location.hash = runsHref({ ...(status ? { status } : {}), from: Math.max(bar.t, data.from), to: Math.min(bar.t + data.bucketMs, data.to) });
  };
  const total = data.totals.success + data.totals.warning + data.totals.failed + data.totals.other;
  return (
    <div className="overview-grid" aria-busy={phase === 'loading' || refreshing} data-testid="overview-data" data-total={total} data-bars={data.buckets.length}>
      <ChartCard title="Runs over time" name="runs-over-time" testId="chart-runs"
        note={<>{total.toLocaleString()} runs · {SERIES.map((s) => <span key={s.key} className="legend-item"><i style={{ background: s.color }} />{s.label} {data.totals[s.key].toLocaleString()}</span>)}
          {data.versionMarkers?.length ? <> · dashed lines: workflow changes</> : null} · click a bar to see its runs</>}>
        {total ? <RunsOverTimeChart bars={data.buckets} bucketMs={data.bucketMs} onSelect={drill} markers={data.versionMarkers ?? []} /> : <p className="muted">No runs in this range.</p>}
      </ChartCard>
      <ChartCard title="Failure rate" name="failure-rate" testId="chart-failure-rate">
        {total ? <FailureRateChart points={data.buckets} bucketMs={data.bucketMs} /> : <p className="muted">No runs in this range.</p>}
      </ChartCard>
      <section className="card">
        <header className="card-head"><h2>Top failing workflows</h2></header>
        <WorkflowTable rows={data.topFailing} kind="failing" from={data.rankFrom} to={data.rankTo} testId="top-failing" />
      </section>
      <section className="card">
        <header className="card-head"><h2>Slowest workflows (p95)</h2></header>
        <WorkflowTable rows={data.slowest} kind="slowest" from={data.rankFrom} to={data.rankTo} testId="slowest" />
      </section>
      <section className="card card-wide">
        <header className="card-head">
          <h2>Recent failures</h2>
          <a className="button button-small button-quiet" href={runsHref({ status: 'failed', from: data.from, to: data.to })}>All failures</a>
        </header>
        <RecentFailures runs={data.recentFailures} />
      </section>
    </div>
  );
}

/** "Charts: last 7 days": the range picker governs only what is below it. */
function chartsTitle(range: keyof typeof RANGE_LABELS): string {
  return range === 'custom' ? 'Charts: custom range' : `Charts: last ${RANGE_LABELS[range]}`;
}

/**
 * The first screen: what needs the owner now (the live state per workflow, with tiles that open the filtered list),
 * then charts over a chosen range. All figures come from the core.
 */
export function OverviewPage() {
  const activate = useOverviewStore((s) => s.activate);
  useLive(activate);
  const activateStates = useStatesStore((s) => s.activate);
  useLive(activateStates);
  const activateSystem = useSystemStore((s) => s.activate);
  useLive(activateSystem);
  const connectors = useSystemStore((s) => s.status?.counts.connectors ?? null);
  const range = useOverviewStore(useShallow((s) => ({ range: s.range, customFrom: s.customFrom, customTo: s.customTo, setRange: s.setRange, setCustom: s.setCustom })));
  if (connectors === 0) return <FirstRun />;
  return (
    <section className="page-pad overview" data-testid="overview-page">
      <NowSection />
      <section className="charts-section" aria-labelledby="charts-title" data-testid="charts-section">
        <header className="page-toolbar charts-head">
          <h2 id="charts-title" data-testid="charts-title">{chartsTitle(range.range)}</h2>
          <RangePicker range={range.range} customFrom={range.customFrom} customTo={range.customTo} onRange={range.setRange} onCustom={range.setCustom} />
        </header>
        <OverviewBody />
      </section>
    </section>
  );
}
