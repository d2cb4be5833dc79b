import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatTick } from './RunsOverTimeChart.tsx';

export interface RatePoint {
  t: number;
  failureRate: number | null;
}

/** Share of runs that failed, per bar of the runs chart (≤ 300 points). */
export function FailureRateChart({ points, bucketMs }: { points: RatePoint[]; bucketMs: number }) {
  const data = points.map((p) => ({ t: p.t, pct: p.failureRate === null ? null : Math.round(p.failureRate * 1000) / 10 }));
  return (
    <ResponsiveContainer width="100%" height={180}>
      <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="t" tickFormatter={(t: number) => formatTick(t, bucketMs)} stroke="var(--muted)" fontSize={11} minTickGap={40} />
        <YAxis unit="%" stroke="var(--muted)" fontSize={11} width={48} />
        <Tooltip labelFormatter={(t) => formatTick(Number(t), bucketMs)} formatter={(v) => [`${String(v)} %`, 'Failed']}
          contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }} />
        <Line type="monotone" dataKey="pct" stroke="var(--chart-failed)" strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
