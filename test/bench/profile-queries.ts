/**
 * `node test/bench/profile-queries.ts <data dir> <now> [method] [days] [n]`: calls one monitoring query n times on a
 * kept bench ledger and prints timings and memory, for profiling with --cpu-prof. Not part of the bench figures.
 */
import { createCore } from '../../core/app.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { percentile } from './stats.ts';

const [dir, nowArg, method = 'monitoring/get-overview', daysArg = '90', nArg = '50'] = process.argv.slice(2);
const now = Number(nowArg);
const DAY = 86_400_000;
const core = createCore({ dataDir: dir!, logger: createMemoryLogger(), backups: { autoStart: false }, retention: { autoStart: false } });
const input = { from: now - Number(daysArg) * DAY, to: now };
const samples: number[] = [];
for (let i = 0; i < Number(nArg); i++) {
  const t = performance.now();
  const out = await core.dispatcher.dispatch(method as never, input, { actor: 'bench' });
  samples.push(performance.now() - t);
  if (!out.ok) throw new Error(out.error.message);
}
(globalThis as { gc?: () => void }).gc?.();
const m = process.memoryUsage();
console.log(JSON.stringify({ method, days: daysArg, p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), max: Math.max(...samples),
  rssMb: m.rss / 1e6, heapUsedMb: m.heapUsed / 1e6, heapTotalMb: m.heapTotal / 1e6, externalMb: m.external / 1e6 }));
core.close();
