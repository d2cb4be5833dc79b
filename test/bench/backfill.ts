import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Core } from '../../core/app.ts';
import type { BenchPage } from './ingest-bench.ts';

export interface BackfillFigures {
  rows: number;
  seconds: number;
  /** Longest the event loop was blocked while pages went in and the UI's Overview query ran between them, ms. */
  maxStallMs: number;
  /** The first pages, up to `rawCap` rows, kept for the raw-upsert comparison. */
  rawPages: BenchPage[];
}

/**
 * Ingests pages as the generator yields them (nothing else is held, so 10 M runs fit in memory), yielding to the event
 * loop between pages like the scheduler does and running the Overview query every `queryEvery` pages.
 */
export async function backfill(core: Core, pages: Iterable<BenchPage>, options: { rawCap: number; now: number; queryEvery?: number }): Promise<BackfillFigures> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const rawPages: BenchPage[] = [];
  let rawRows = 0;
  let rows = 0;
  let seconds = 0;
  let n = 0;
  delay.enable();
  for (const page of pages) {
    const t = performance.now();
    core.ingest(page);
    seconds += (performance.now() - t) / 1000;
    rows += page.records.length;
    if (rawRows < options.rawCap) {
      rawPages.push(page);
      rawRows += page.records.length;
    }
    if (++n % (options.queryEvery ?? 200) === 0) {
      await core.dispatcher.dispatch('monitoring/get-overview', { from: options.now - 7 * 86_400_000, to: options.now }, { actor: 'bench' });
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  delay.disable();
  return { rows, seconds, maxStallMs: delay.max / 1e6, rawPages };
}
