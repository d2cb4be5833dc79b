/** A tiny trend line (counts per day), drawn as a plain SVG polyline: no chart library needed at this size. */
export function Sparkline({ values, width = 120, height = 28 }: { values: number[]; width?: number; height?: number }) {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`).join(' ');
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img"
      aria-label={`Per day: ${values.join(', ')}`} data-testid="sparkline" data-points={values.length}>
      <polyline points={points} fill="none" stroke="var(--chart-failed)" strokeWidth="1.5" />
    </svg>
  );
}
