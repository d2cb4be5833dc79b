/**
 * `node test/bench/requery.ts <kept ledger dir> [--out FILE]`: re-measures the query figures of `npm run bench` on a
 * ledger an earlier run kept (`--keep`), without generating 10 M runs again: Runs page, Overview, Errors, SLA,
 * search, and the core probe (cold start, RSS). Not a test; it measures.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createCore } from '../../core/app.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { benchMonitoring, dropPageCache, probeCore, worstByPage } from './monitoring-bench.ts';
import { benchRunsPage } from './runs-page-bench.ts';
import { printTable, round } from './stats.ts';
import { ledgerDb } from '../../core/store/ledger-db.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string', default: 'bench-requery.json' } } });
const dir = positionals[0];
if (!dir) throw new Error('usage: node test/bench/requery.ts <kept ledger dir> [--out FILE]');
const now = Date.UTC(2026, 10, 25, 12);
const core = createCore({ dataDir: dir, logger: createMemoryLogger(), backups: { autoStart: false }, retention: { autoStart: false } });
const runs = (ledgerDb(core.ledger).prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n;
const pages = await benchRunsPage(core, now);
const monitoring = await benchMonitoring(core, now);
core.close();
const cacheDropped = dropPageCache();
const probe = await probeCore(dir, now);
const worst = worstByPage(monitoring);
const page = pages.reduce((a, b) => (b.p95 > a.p95 ? b : a));
const figures: Record<string, number | string> = {
  runs,
  runs_page_p95_ms: round(page.p95), runs_page_worst_filter: `${page.filter} @ page ${page.depth}`,
  overview_p95_ms: round(worst.overview?.p95 ?? NaN), overview_worst_query: worst.overview?.query ?? '',
  errors_p95_ms: round(worst.errors?.p95 ?? NaN), errors_worst_query: worst.errors?.query ?? '',
  sla_p95_ms: round(worst.sla?.p95 ?? NaN), sla_worst_query: worst.sla?.query ?? '',
  search_p95_ms: round(worst.search?.p95 ?? NaN), search_worst_query: worst.search?.query ?? '',
  core_rss_mb: round(probe.rssMb), core_cold_start_ms: round(probe.coldStartMs),
  core_cold_start_page_cache: cacheDropped ? 'dropped' : 'warm (could not drop the page cache)',
};
console.log('\nOverview, Errors, SLA and search (through the dispatcher), ms:');
printTable(monitoring.map((f) => [f.query, `p50 ${round(f.p50)}  p95 ${round(f.p95)}`]));
console.log('\nFigures:');
printTable(Object.entries(figures).map(([k, v]) => [k, String(v)]));
writeFileSync(values.out!, `${JSON.stringify(figures, null, 2)}\n`);
console.log(`\nWrote ${values.out}`);
