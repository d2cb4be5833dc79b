import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Core } from '../../core/app.ts';
import { CORE_ENV, CORE_EXEC_ARGV } from '../../core/contract/process.ts';
import { percentile } from './stats.ts';
import { ledgerDb } from '../../core/store/ledger-db.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const RANGES: [string, number][] = [['24h', DAY], ['7d', 7 * DAY], ['30d', 30 * DAY], ['90d', 90 * DAY]];
const ctx = { actor: 'bench' };

export interface QueryFigure {
  page: 'overview' | 'errors' | 'sla' | 'search' | 'states';
  query: string;
  p50: number;
  p95: number;
}

/** p50/p95 of one dispatched call (as the UI makes it) over `repeats` calls after `warmup`. */
async function time(core: Core, method: string, input: unknown, repeats = 25, warmup = 3): Promise<{ p50: number; p95: number }> {
  const call = async () => {
    const out = await core.dispatcher.dispatch(method as never, input, ctx);
    if (!out.ok) throw new Error(`${method} failed in the bench: ${out.error.message}`);
  };
  for (let i = 0; i < warmup; i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    await call();
    samples.push(performance.now() - t);
  }
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}

/** Every Overview, Errors and SLA query for ranges 24 h … 90 d, and error search with and without filters. */
export async function benchMonitoring(core: Core, now: number): Promise<QueryFigure[]> {
  const figures: QueryFigure[] = [];
  for (const [name, ms] of RANGES) {
    const range = { from: now - ms, to: now };
    figures.push({ page: 'overview', query: `overview ${name}`, ...await time(core, 'monitoring/get-overview', range) });
    figures.push({ page: 'errors', query: `error groups ${name}`, ...await time(core, 'monitoring/list-error-groups', range) });
    figures.push({ page: 'sla', query: `sla ${name}`, ...await time(core, 'monitoring/get-sla', range) });
  }
  const db = ledgerDb(core.ledger);
  const busiest = (db.prepare(`SELECT workflow_id AS w FROM error_rollups_daily GROUP BY 1 ORDER BY sum(n) DESC LIMIT 1`).get() as { w: number } | undefined)?.w;
  const searches: [string, unknown][] = [
    ['search "timeout" newest 50', { query: 'timeout', limit: 50 }],
    ['search "invalid_grant" newest 50', { query: 'invalid_grant', limit: 50 }],
    ['search "timeout" + 30d', { query: 'timeout', limit: 50, filter: { from: now - 30 * DAY, to: now } }],
    ...(busiest ? [['search "exceeded" + workflow + 30d', { query: 'exceeded', limit: 50, filter: { workflowIds: [busiest], from: now - 30 * DAY, to: now } }] as [string, unknown]] : []),
    ...(busiest ? [['search "error" + workflow', { query: 'error', limit: 50, filter: { workflowIds: [busiest] } }] as [string, unknown]] : []),
  ];
  for (const [name, input] of searches) figures.push({ page: 'search', query: name, ...await time(core, 'monitoring/search-errors', input) });
  // The live state of every workflow: what the Overview's "Needs you", the tray and every alert tick read.
  figures.push({ page: 'states', query: 'workflows/list-states', ...await time(core, 'workflows/list-states', {}) });
  return figures;
}

/**
 * The probe bundled as the desktop app ships its core (one esbuild bundle, migrations beside it; out/core/main.cjs),
 * so its RSS is the core's own and not Node's TypeScript stripping of a few hundred source files.
 */
async function bundleProbe(): Promise<string> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const outDir = join(root, 'out', 'bench');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'migrations'), { recursive: true });
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(root, 'test/bench/core-probe.ts')], outfile: join(outDir, 'core-probe.mjs'), bundle: true, format: 'esm',
    platform: 'node', target: 'node22', logLevel: 'warning', external: ['better-sqlite3', 'keytar', 'bufferutil', 'utf-8-validate'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const migrations = join(root, 'core/store/migrations');
  for (const f of readdirSync(migrations)) copyFileSync(join(migrations, f), join(outDir, 'migrations', f));
  return join(outDir, 'core-probe.mjs');
}

/** Cold start to Overview data and steady RSS after 1 000 dashboard refreshes, measured in a fresh child process. */
export async function probeCore(dir: string, now: number): Promise<{ coldStartMs: number; rssMb: number }> {
  const child = spawnSync(process.execPath, [...CORE_EXEC_ARGV, await bundleProbe(), dir, String(now)], { encoding: 'utf8', env: { ...process.env, ...CORE_ENV } });
  if (child.status !== 0) throw new Error(`core probe failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { coldStartMs: number; rssMb: number };
}

/** Tries to evict the database from the OS page cache (needs privileges); says whether it could. */
export function dropPageCache(): boolean {
  try {
    writeFileSync('/proc/sys/vm/drop_caches', '1');
    return true;
  } catch {
    return false;
  }
}

export function databaseMb(dir: string): number {
  let bytes = 0;
  for (const f of ['flowdeck.db', 'flowdeck.db-wal']) {
    const p = join(dir, f);
    if (existsSync(p)) bytes += statSync(p).size;
  }
  return bytes / 1e6;
}

/** Worst p95 of each page's queries. */
export function worstByPage(figures: QueryFigure[]): Record<QueryFigure['page'], QueryFigure | undefined> {
  const worst = (page: QueryFigure['page'], only?: (f: QueryFigure) => boolean) =>
    figures.filter((f) => f.page === page && (!only || only(f))).reduce<QueryFigure | undefined>((a, b) => (!a || b.p95 > a.p95 ? b : a), undefined);
  return { overview: worst('overview'), errors: worst('errors'), sla: worst('sla'), search: worst('search', (f) => f.query.includes('+')), states: worst('states') };
}
