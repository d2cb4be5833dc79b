import { describe, expect, it } from 'vitest';
import { INCIDENTS, WORKFLOWS } from './catalog.ts';
import { createRng, deriveSeed } from './prng.ts';
import { simulateWorkflow } from './simulate.ts';

const DAY = 86_400_000;
const stopped = WORKFLOWS.find((w) => w.stopsDaysAgo)!;

describe('the demo workflow whose schedule silently stops', () => {
  // Instants at which its last run, left to chance, failed (the demo is generated relative to the instant it starts).
  it.each(['2026-03-11T11:00:00Z', '2026-03-11T10:40:00Z', '2026-07-15T17:37:07Z', '2028-03-27T23:38:25Z'])(
    'ends on a successful run, then nothing, when generated at %s', (iso) => {
      const now = Date.parse(iso);
      const runs = simulateWorkflow(stopped, INCIDENTS, { from: now - 30 * DAY, now }, createRng(deriveSeed(42, stopped.key)));
      const last = runs.reduce((a, r) => (a.startedAt >= r.startedAt ? a : r));
      expect(last.outcome).toBe('success');
      expect(last.errorMessage).toBeUndefined();
      expect(now - last.startedAt).toBeGreaterThan(stopped.stopsDaysAgo! * DAY);
      expect(now - last.startedAt).toBeLessThan(stopped.stopsDaysAgo! * DAY + 2 * 3_600_000);
      // Its usual failures earlier in the month are left as they were.
      expect(runs.some((r) => r.outcome === 'failed')).toBe(true);
    });
});
