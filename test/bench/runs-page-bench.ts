import type { Core } from '../../core/app.ts';
import type { RunFilter } from '../../core/contract/runs.ts';
import { percentile, timeCalls } from './stats.ts';
import { ledgerDb } from '../../core/store/ledger-db.ts';

const PAGE = 100;
const DEPTHS = [1, 100, 1000];

export interface PageFigure {
  filter: string;
  depth: number;
  p50: number;
  p95: number;
}

/** Filter combinations a person would use on the Runs page, built from what the ledger holds. */
export function filterCombos(core: Core, now: number): [string, RunFilter][] {
  const db = ledgerDb(core.ledger);
  const connector = (db.prepare('SELECT id FROM connectors ORDER BY id LIMIT 1').get() as { id: string }).id;
  const busiest = (db.prepare('SELECT workflow_id AS w FROM rollups_hourly GROUP BY workflow_id ORDER BY sum(n_success) DESC LIMIT 1').get() as { w: number }).w;
  const quietest = (db.prepare('SELECT workflow_id AS w FROM rollups_hourly GROUP BY workflow_id ORDER BY sum(n_success + n_failed) ASC LIMIT 1').get() as { w: number }).w;
  const week = { from: now - 7 * 86_400_000, to: now };
  return [
    ['none', {}],
    ['failed', { statuses: ['failed'] }],
    ['failed+warning', { statuses: ['failed', 'warning'] }],
    ['success', { statuses: ['success'] }],
    ['queued (rare)', { statuses: ['queued'] }],
    ['connector', { connectorIds: [connector] }],
    ['connector+failed', { connectorIds: [connector], statuses: ['failed'] }],
    ['busiest workflow', { workflowIds: [busiest] }],
    ['quietest workflow', { workflowIds: [quietest] }],
    ['workflow+failed', { workflowIds: [busiest], statuses: ['failed'] }],
    ['last 7 days', week],
    ['last 7 days+failed', { ...week, statuses: ['failed'] }],
    ['connector+workflow+7d+failed', { ...week, connectorIds: [connector], workflowIds: [busiest], statuses: ['failed'] }],
  ];
}

/** p50/p95 of runs/list-runs (through the dispatcher, as the UI calls it) at pages 1, 100 and 1000 of each filter. */
export async function benchRunsPage(core: Core, now: number): Promise<PageFigure[]> {
  const figures: PageFigure[] = [];
  const ctx = { actor: 'bench' };
  for (const [name, filter] of filterCombos(core, now)) {
    // Walk the keyset once to find the cursor at each depth (or the deepest page there is).
    const cursors = new Map<number, string | null>([[1, null]]);
    let cursor: string | null = null;
    for (let page = 2; page <= Math.max(...DEPTHS); page++) {
      const out = core.ledger.runs.list(filter, cursor, PAGE);
      if (!out.nextCursor) break;
      cursor = out.nextCursor;
      if (DEPTHS.includes(page)) cursors.set(page, cursor);
    }
    for (const [depth, at] of cursors) {
      const input = { filter, cursor: at, limit: PAGE };
      const samples: number[] = [];
      // Dispatch is async only in shape; time each awaited call.
      for (let i = 0; i < 3; i++) await core.dispatcher.dispatch('runs/list-runs', input, ctx);
      for (let i = 0; i < 25; i++) {
        const t = performance.now();
        const result = await core.dispatcher.dispatch('runs/list-runs', input, ctx);
        samples.push(performance.now() - t);
        if (!result.ok) throw new Error(`runs/list-runs failed in the bench: ${result.error.message}`);
      }
      figures.push({ filter: name, depth, p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) });
    }
  }
  return figures;
}

export { timeCalls };
