import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';

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

export function formatTick(t: number, bucketMs: number): string {
  const d = new Date(t);
  return bucketMs < 86_400_000
    ? d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
    : d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

/** Runs per bar stacked by status. Props are plain aggregated numbers; a click on a segment asks to drill down. */
export function RunsOverTimeChart({ bars, bucketMs, onSelect }: { bars: RunsBar[]; bucketMs: number; onSelect: (bar: RunsBar, series: SeriesKey) => void }) {
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
      </BarChart>
    </ResponsiveContainer>
  );
}
