import { Bar, ComposedChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import { formatChartTick } from '../../../lib/format.ts';

export interface ChartProps {
  points: { t: number; success: number; failed: number }[];
  versions: { number: number; createdAt: number }[];
}

const SIX_HOURS = 6 * 3_600_000;
const day = (t: number) => formatChartTick(t, 86_400_000);
const bucket = (points: ChartProps['points'], t: number) => points.reduce((best, p) => (p.t <= t ? p.t : best), points[0]?.t ?? t);

/** Runs per 6 hours (successes and failures) with a marker at each version. */
export function RunChart({ points, versions }: ChartProps) {
  const first = points[0]?.t ?? 0;
  return (
    <div className="run-chart" data-testid="run-chart">
      <ResponsiveContainer width="100%" height={180}>
        <ComposedChart data={points} margin={{ top: 16, right: 8, bottom: 0, left: 0 }}>
          <XAxis dataKey="t" tickFormatter={day} minTickGap={40} />
          <YAxis allowDecimals={false} width={36} />
          <Tooltip labelFormatter={(t) => formatChartTick(Number(t), SIX_HOURS)} />
          <Bar dataKey="success" stackId="r" fill="var(--chart-success)" isAnimationActive={false} />
          <Bar dataKey="failed" stackId="r" fill="var(--danger-fg)" isAnimationActive={false} />
          {versions.filter((v) => v.createdAt >= first).map((v) => (
            <ReferenceLine key={v.number} x={bucket(points, v.createdAt)} stroke="var(--accent)" strokeDasharray="4 3" label={{ value: `v${v.number}`, position: 'top', fontSize: 11 }} />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
