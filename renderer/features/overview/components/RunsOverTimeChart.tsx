import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import type { VersionMarker } from '../../../../core/contract/monitoring.ts';

import { formatChartTick } from '../../../lib/format.ts';

export interface RunsBar {
  t: number;
  success: number;
  warning: number;
  failed: number;
  other: number;
}

export const SERIES = [
  { key: 'success', label: 'Succeeded', color: 'var(--chart-success)' },
  { key: 'warning', label: 'Warning', color: 'var(--chart-warning)' },
  { key: 'failed', label: 'Failed', color: 'var(--chart-failed)' },
  { key: 'other', label: 'Other', color: 'var(--chart-other)' },
] as const;

export type SeriesKey = (typeof SERIES)[number]['key'];

/** Axis and tooltip labels in the display time zone (format.ts). */
export function formatTick(t: number, bucketMs: number): string {
  return formatChartTick(t, bucketMs);
}

/** The bar each version falls in (the x axis is categorical: a marker sits on its bar), newest kept when several share one. */
export function markerBars(bars: readonly RunsBar[], bucketMs: number, markers: readonly VersionMarker[]): { t: number; markers: VersionMarker[] }[] {
  const first = bars[0]?.t;
  if (first === undefined) return [];
  const byBar = new Map<number, VersionMarker[]>();
  for (const m of markers) {
    const bar = bars[Math.floor((m.at - first) / bucketMs)];
    if (!bar || m.at < first) continue;
    byBar.set(bar.t, [...(byBar.get(bar.t) ?? []), m]);
  }
  return [...byBar].map(([t, ms]) => ({ t, markers: ms }));
}

const markerTitle = (ms: VersionMarker[]) => ms.map((m) => `${m.workflowName}: version ${m.number}`).join('\n');

/** Runs per bar stacked by status, with a dashed line at each workflow change. A click on a segment asks to drill down. */
export function RunsOverTimeChart({ bars, bucketMs, onSelect, markers = [] }: {
  bars: RunsBar[]; bucketMs: number; onSelect: (bar: RunsBar, series: SeriesKey) => void; markers?: readonly VersionMarker[];
}) {
  const shape = (key: SeriesKey, color: string) => function Segment(props: BarShapeProps) {
    const bar = props.payload as RunsBar;
    if (!props.height || bar[key] === 0) return <g />;
    return (
      <rect x={props.x} y={props.y} width={Math.max(1, props.width)} height={props.height} style={{ fill: color, cursor: 'pointer' }}
        data-testid={`bar-${key}`} data-t={bar.t} data-count={bar[key]}
        onClick={() => onSelect(bar, key)}>
        <title>{`${bar[key]} ${key} · ${formatTick(bar.t, bucketMs)}`}</title>
      </rect>
    );
  };
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={bars} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap={1}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="t" tickFormatter={(t: number) => formatTick(t, bucketMs)} stroke="var(--muted)" fontSize={11} minTickGap={40} />
        <YAxis stroke="var(--muted)" fontSize={11} width={48} allowDecimals={false} />
        <Tooltip labelFormatter={(t) => formatTick(Number(t), bucketMs)} contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }} />
        {SERIES.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} stackId="runs" fill={s.color} isAnimationActive={false} shape={shape(s.key, s.color)} />
        ))}
        {markerBars(bars, bucketMs, markers).map((m) => (
          <ReferenceLine key={m.t} x={m.t} stroke="var(--accent)" strokeDasharray="4 3" ifOverflow="discard"
            shape={(p: { x1?: number; y1?: number; x2?: number; y2?: number }) => (
              <g data-testid="version-marker" data-versions={m.markers.map((v) => v.versionId).join(',')}>
                <title>{markerTitle(m.markers)}</title>
                <line x1={p.x1} y1={p.y1} x2={p.x2} y2={p.y2} stroke="var(--accent)" strokeDasharray="4 3" strokeWidth={1.5} />
                <text x={(p.x1 ?? 0) + 3} y={(Math.min(p.y1 ?? 0, p.y2 ?? 0)) + 10} fontSize={10} fill="var(--accent)">
                  {m.markers.length === 1 ? `v${m.markers[0]!.number}` : `${m.markers.length} changes`}
                </text>
              </g>
            )} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
