import { describe, expect, it } from 'vitest';
import { markerBars, type RunsBar } from './components/RunsOverTimeChart.tsx';

const H = 3_600_000;
const bars: RunsBar[] = [0, 1, 2, 3].map((i) => ({ t: 100 * H + i * H, success: 1, warning: 0, failed: 0, other: 0 }));
const marker = (versionId: number, at: number) => ({ versionId, workflowId: 1, workflowName: 'W', number: 2, at });

describe('version markers on the runs chart', () => {
  it('puts each version on the bar it falls in, grouping those that share one and dropping those outside', () => {
    expect(markerBars(bars, H, [marker(1, 100 * H + 10), marker(2, 102 * H + 5), marker(3, 102 * H + 50), marker(4, 99 * H), marker(5, 104 * H)]))
      .toEqual([{ t: 100 * H, markers: [marker(1, 100 * H + 10)] }, { t: 102 * H, markers: [marker(2, 102 * H + 5), marker(3, 102 * H + 50)] }]);
    expect(markerBars([], H, [marker(1, 0)])).toEqual([]);
  });
});
