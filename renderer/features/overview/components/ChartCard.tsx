import { useRef, useState, type ReactNode } from 'react';
import { downloadSvgAsPng } from '../../../lib/export.ts';

/** A titled chart with "Save as PNG" (the chart's SVG drawn to a canvas in the renderer). */
export function ChartCard({ title, name, testId, children, note }: { title: string; name: string; testId: string; children: ReactNode; note?: ReactNode }) {
  const body = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const save = async () => {
    const svg = body.current?.querySelector<SVGSVGElement>('svg.recharts-surface');
    if (!svg) return;
    try {
      setProblem(null);
      await downloadSvgAsPng(svg, `flowdeck-${name}.png`, getComputedStyle(document.body).backgroundColor);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : 'The chart could not be saved.');
    }
  };
  return (
    <section className="card chart-card" data-testid={testId}>
      <header className="card-head">
        <h2>{title}</h2>
        <button type="button" className="button button-small button-quiet" onClick={() => void save()} data-testid={`${testId}-png`}>Save as PNG</button>
      </header>
      {note ? <p className="muted card-note">{note}</p> : null}
      {problem ? <p className="notice notice-error" role="alert">{problem}</p> : null}
      <div ref={body} className="chart-body">{children}</div>
    </section>
  );
}
