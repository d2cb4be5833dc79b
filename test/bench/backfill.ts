import type { Core } from '../../core/app.ts';
import type { BenchPage } from './ingest-bench.ts';

export interface BackfillFigures {
  rows: number;
  seconds: number;
  /**
   * Longest the core held the event loop in one turn while pages went in and the UI's Overview query ran between them,
   * ms (each page's transaction and each query timed on its own; the generator's time between pages is not the core's).
   */
  maxStallMs: number;
}

/**
 * Ingests pages as the generator yields them and holds none of them (so 10 M runs fit in memory, and the heap the core
 * collects is its own, as in the app), yielding to the event loop between pages like the scheduler does and running
 * the Overview query every `queryEvery` pages.
 */
export async function backfill(core: Core, pages: Iterable<BenchPage>, options: { now: number; queryEvery?: number }): Promise<BackfillFigures> {
  let rows = 0;
  let seconds = 0;
  let n = 0;
  let maxStallMs = 0;
  for (const page of pages) {
    const t = performance.now();
    core.ingest(page);
    const ms = performance.now() - t;
    seconds += ms / 1000;
    maxStallMs = Math.max(maxStallMs, ms);
    rows += page.records.length;
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (++n % (options.queryEvery ?? 200) === 0) {
      const q = performance.now();
      await core.dispatcher.dispatch('monitoring/get-overview', { from: options.now - 7 * 86_400_000, to: options.now }, { actor: 'bench' });
      maxStallMs = Math.max(maxStallMs, performance.now() - q);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  return { rows, seconds, maxStallMs };
}
