/**
 * `npm run bench [-- --runs N --out FILE]`: builds a ledger from the demo generator and prints figures.
 * Not a test: nothing here passes or fails; it measures. Figures are written as flat JSON to --out.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../../core/app.ts';
import { demoConnectors, generatePages } from '../../core/demo/generate.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { benchIngest, benchRawUpsert, type BenchPage } from './ingest-bench.ts';
import { benchRunsPage } from './runs-page-bench.ts';
import { printTable, round } from './stats.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1000000' },
    workflows: { type: 'string', default: '500' },
    days: { type: 'string', default: '730' },
    out: { type: 'string', default: 'bench-results.json' },
    keep: { type: 'boolean', default: false },
    'page-size': { type: 'string', default: '250' },
  },
});
const runs = Number(values.runs);
const workflows = Number(values.workflows);
const days = Number(values.days);
const now = Date.UTC(2026, 10, 25, 12);
const dir = mkdtempSync(join(tmpdir(), 'flowdeck-bench-'));

console.log(`Flowdeck bench: ${runs.toLocaleString('en')} runs, ${workflows} workflows, ${days} days (data in ${dir})`);
const connectors = demoConnectors(4);
const t = performance.now();
const pages: BenchPage[] = [];
for (const page of generatePages({ workflows, runs, days, now, connectors: connectors.length, pageSize: Number(values['page-size']) })) {
  pages.push({ connectorId: connectors[page.connectorIndex]!.id, records: page.records, cursor: page.cursor });
}
console.log(`  generated ${pages.length} pages in ${round((performance.now() - t) / 1000)} s`);

const core = createCore({ dataDir: dir, logger: createMemoryLogger() });
for (const c of connectors) core.ledger.connectors.create(c, now);
const ingest = benchIngest(core, pages);
const raw = benchRawUpsert(dir, pages);
pages.length = 0;

const pageFigures = await benchRunsPage(core, now);
const worst = pageFigures.reduce((a, b) => (b.p95 > a.p95 ? b : a));

const figures: Record<string, number | string> = {
  runs,
  workflows,
  ingest_rows_per_s: ingest.rows / ingest.seconds,
  raw_upsert_rows_per_s: raw.rows / raw.seconds,
  ingest_ratio_vs_raw: raw.seconds / ingest.seconds,
  [`runs_page_p95_ms_at_${runs >= 1e6 ? `${runs / 1e6}m` : `${runs / 1e3}k`}`]: worst.p95,
  runs_page_worst_filter: `${worst.filter} @ page ${worst.depth}`,
};

console.log('\nRuns page (runs/list-runs, 100 rows, through the dispatcher), ms:');
printTable(pageFigures.map((f) => [`${f.filter} @ page ${f.depth}`, `p50 ${round(f.p50)}  p95 ${round(f.p95)}`]));
console.log('\nFigures:');
printTable(Object.entries(figures).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v]));
writeFileSync(values.out!, `${JSON.stringify(Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v])), null, 2)}\n`);
console.log(`\nWrote ${values.out}`);
core.close();
if (!values.keep) rmSync(dir, { recursive: true, force: true });
