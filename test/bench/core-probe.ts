/**
 * Run as a child of the bench (`node test/bench/core-probe.ts <data dir> <now>`): a fresh process opens the ledger
 * (cold: the bench drops the page cache first when it may), answers the Overview once, then refreshes the dashboard
 * 1 000 times. Prints {"coldStartMs", "rssMb"} so the figures describe a core alone, not the bench's generator.
 */
import { createCore } from '../../core/app.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';

const [dir, nowArg] = process.argv.slice(2);
const now = Number(nowArg);
const DAY = 86_400_000;
const ctx = { actor: 'bench' };
const t = performance.now();
// Backups and retention off: a backup of a multi-GB ledger or a prune of its older half is not a dashboard refresh.
const core = createCore({ dataDir: dir!, logger: createMemoryLogger(), backups: { autoStart: false }, retention: { autoStart: false } });
const first = await core.dispatcher.dispatch('monitoring/get-overview', { from: now - 7 * DAY, to: now }, ctx);
const coldStartMs = performance.now() - t;
if (!first.ok) throw new Error(first.error.message);
for (let i = 0; i < 1000; i++) {
  await core.dispatcher.dispatch('monitoring/get-overview', { from: now - 7 * DAY, to: now }, ctx);
  if (i % 10 === 0) {
    await core.dispatcher.dispatch('monitoring/list-error-groups', { from: now - 7 * DAY, to: now }, ctx);
    await core.dispatcher.dispatch('monitoring/get-sla', { from: now - 30 * DAY, to: now }, ctx);
  }
}
const rssMb = process.memoryUsage().rss / 1e6;
core.close();
process.stdout.write(`${JSON.stringify({ coldStartMs, rssMb })}\n`);
