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
import { backfill } from './backfill.ts';
import { benchRawUpsert, type BenchPage } from './ingest-bench.ts';
import { benchMonitoring, databaseMb, dropPageCache, probeCore, worstByPage } from './monitoring-bench.ts';
import { benchRunsPage } from './runs-page-bench.ts';
import { benchRules } from './rules-bench.ts';
import { benchN8nMap, benchPollCycle } from './connectors-bench.ts';
import { benchRendererInitialJs } from './renderer-size.ts';
import { benchPingDuringLint, benchQuickCheck } from './safety-bench.ts';
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
function* benchPages(): Generator<BenchPage> {
  for (const page of generatePages({ workflows, runs, days, now, connectors: connectors.length, pageSize: Number(values['page-size']) })) {
    yield { connectorId: connectors[page.connectorIndex]!.id, records: page.records, cursor: page.cursor };
  }
}

// No scheduled backups while the bench builds a multi-GB ledger, and no retention: its default (keep a year) would
// prune half of the two years generated while the queries are measured.
const core = createCore({ dataDir: dir, logger: createMemoryLogger(), backups: { autoStart: false }, retention: { autoStart: false } });
for (const c of connectors) core.ledger.connectors.create(c, now);
// Pages stream from the generator into the ledger, none kept.
const ingest = await backfill(core, benchPages(), { now });
console.log(`  generated and ingested ${ingest.rows.toLocaleString('en')} runs in ${round((performance.now() - t) / 1000)} s`);
// The raw-upsert baseline: the generator is deterministic, so its first 1 M rows are generated again here.
const rawPages: BenchPage[] = [];
let rawSubset = 0;
for (const page of benchPages()) {
  if (rawSubset >= 1_000_000) break;
  rawPages.push(page);
  rawSubset += page.records.length;
}
const raw = benchRawUpsert(dir, rawPages);
rawPages.length = 0;
const rawSeconds = raw.seconds * (rawSubset ? ingest.rows / rawSubset : 1);

const pageFigures = await benchRunsPage(core, now);
const worst = pageFigures.reduce((a, b) => (b.p95 > a.p95 ? b : a));
const monitoring = await benchMonitoring(core, now);
const worstOf = worstByPage(monitoring);
const rules = await benchRules(core, now);
core.close();
const cacheDropped = dropPageCache();
const probe = await probeCore(dir, now);
const n8nMap = benchN8nMap();
const pollCycle = await benchPollCycle();
const quickCheckMs = benchQuickCheck(dir);
const pingDuringLint = await benchPingDuringLint();
const rendererJs = await benchRendererInitialJs();

const at = runs >= 1e6 ? `${runs / 1e6}m` : `${runs / 1e3}k`;
const figures: Record<string, number | string> = {
  runs,
  workflows,
  ingest_rows_per_s: ingest.rows / ingest.seconds,
  raw_upsert_rows_per_s: raw.rows / raw.seconds,
  // The raw baseline runs on the first 1 M rows at most; its time is scaled to the full count.
  ingest_ratio_vs_raw: rawSeconds / ingest.seconds,
  raw_baseline_rows: rawSubset,
  [`runs_page_p95_ms_at_${at}`]: worst.p95,
  runs_page_worst_filter: `${worst.filter} @ page ${worst.depth}`,
  [`overview_p95_ms_at_${at}`]: worstOf.overview?.p95 ?? NaN,
  overview_worst_query: worstOf.overview?.query ?? '',
  [`errors_p95_ms_at_${at}`]: worstOf.errors?.p95 ?? NaN,
  errors_worst_query: worstOf.errors?.query ?? '',
  [`sla_p95_ms_at_${at}`]: worstOf.sla?.p95 ?? NaN,
  sla_worst_query: worstOf.sla?.query ?? '',
  [`search_p95_ms_at_${at}`]: worstOf.search?.p95 ?? NaN,
  search_worst_query: worstOf.search?.query ?? '',
  [`states_p95_ms_at_${at}`]: worstOf.states?.p95 ?? NaN,
  [`core_rss_mb_at_${at}`]: probe.rssMb,
  [`core_cold_start_ms_at_${at}`]: probe.coldStartMs,
  core_cold_start_page_cache: cacheDropped ? 'dropped' : 'warm (could not drop the page cache)',
  db_mb_per_million_runs: databaseMb(dir) / (runs / 1e6),
  event_loop_max_stall_ms_during_backfill: ingest.maxStallMs,
  // Every rule type over all workflows; the tick figure is at the bench's workflow count (500 by default).
  rule_eval_ms_per_1k_runs: rules.evalMsPer1kRuns,
  [`rule_tick_ms_${rules.workflows}_workflows`]: rules.tickMs,
  // A 100-execution n8n page mapped to records; one polling cycle of 50 connectors (500 workflows) against the fakes.
  n8n_map_records_per_s: n8nMap,
  poll_cycle_cpu_ms_50x500: pollCycle.cpuMs,
  poll_cycle_wall_ms_50x500: pollCycle.wallMs,
  // Serve checks the whole file once before the console opens; the receiver must stay quick under a hostile pattern.
  [`integrity_check_ms_at_${at}`]: quickCheckMs,
  ping_p50_ms_during_catastrophic_lint: pingDuringLint.p50,
  ping_p99_ms_during_catastrophic_lint: pingDuringLint.p99,
  // JavaScript (gzip) loaded before the Overview paints, and the whole renderer's.
  renderer_initial_js_kb: rendererJs.initialKb,
  renderer_total_js_kb: rendererJs.totalKb,
};

console.log('\nRuns page (runs/list-runs, 100 rows, through the dispatcher), ms:');
printTable(pageFigures.map((f) => [`${f.filter} @ page ${f.depth}`, `p50 ${round(f.p50)}  p95 ${round(f.p95)}`]));
console.log('\nOverview, Errors, SLA and search (through the dispatcher), ms:');
printTable(monitoring.map((f) => [f.query, `p50 ${round(f.p50)}  p95 ${round(f.p95)}`]));
console.log('\nFigures:');
printTable(Object.entries(figures).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v]));
writeFileSync(values.out!, `${JSON.stringify(Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v])), null, 2)}\n`);
console.log(`\nWrote ${values.out}`);
if (!values.keep) rmSync(dir, { recursive: true, force: true });
