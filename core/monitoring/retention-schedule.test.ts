import { afterEach, describe, expect, it, vi } from 'vitest';
import { testCore, T0 } from '../../test/support/core.ts';
import { createCore } from '../app.ts';
import { fixedClock } from '../platform/clock.ts';
import { createMemoryLogger } from '../platform/logger.ts';
import { RetentionRepo } from '../store/retention-repo.ts';
import { DAY } from './buckets.ts';
import { startRetentionSchedule } from './retention-schedule.ts';
import { ledgerDb } from '../store/ledger-db.ts';

afterEach(() => vi.useRealTimers());

type AnyCore = { ingest: ReturnType<typeof testCore>['ingest']; ledger: ReturnType<typeof testCore>['ledger'] };

/** `n` runs started `daysAgo` days before T0. */
function runs(core: AnyCore, prefix: string, n: number, daysAgo: number): void {
  core.ingest({ connectorId: 'c1', cursor: null, records: Array.from({ length: n }, (_, i) => ({
    externalId: `${prefix}${i}`, workflow: { externalId: 'wf', name: 'wf' }, rawStatus: 'success',
    startedAt: T0 - daysAgo * DAY + i * 1000, finishedAt: T0 - daysAgo * DAY + i * 1000 + 500,
  })) });
}
const count = (core: AnyCore) => (ledgerDb(core.ledger).prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n;

describe('scheduled retention pruning', () => {
  it('prunes about a minute after start, in yielding batches, then once a day', async () => {
    vi.useFakeTimers();
    const core = testCore();
    runs(core, 'old', 7, 400);
    runs(core, 'new', 3, 1);
    let pauses = 0;
    const pruned: number[] = [];
    const s = startRetentionSchedule({ repo: new RetentionRepo(ledgerDb(core.ledger)), now: () => core.clock.now(), logger: createMemoryLogger(),
      batchSize: 2, pause: async () => { pauses++; }, pruned: (r) => pruned.push(r.deleted) });
    await vi.advanceTimersByTimeAsync(59_000);
    expect(count(core)).toBe(10);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(count(core)).toBe(3);
    expect(pruned).toEqual([7]);
    expect(pauses).toBe(3); // batches of 2, 2, 2 (a pause after each full one), then 1
    // A day later the runs that aged past the limit meanwhile go too.
    core.clock.set(T0 + DAY);
    runs(core, 'aged', 2, 366);
    await vi.advanceTimersByTimeAsync(DAY - 1_000);
    expect(count(core)).toBe(5);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(count(core)).toBe(3);
    expect(pruned).toEqual([7, 2]);
    s.stop();
    runs(core, 'late', 1, 500);
    await vi.advanceTimersByTimeAsync(2 * DAY);
    expect(count(core)).toBe(4);
    core.close();
  });

  it('the core starts it from its own timers when asked (never by default with an injected clock) and announces the change', async () => {
    vi.useFakeTimers();
    const clock = fixedClock(T0);
    const make = (autoStart?: boolean) => {
      const core = createCore({ dataDir: ':memory:', clock, logger: createMemoryLogger(), ...(autoStart === undefined ? {} : { retention: { autoStart } }) });
      core.ledger.connectors.create({ id: 'c1', kind: 'n8n', name: 'c1' }, T0);
      runs(core, 'old', 5, 400);
      return core;
    };
    const quiet = make();
    expect(quiet.retention).toBeNull();
    const core = make(true);
    const changed: unknown[] = [];
    core.events.subscribe('ledger/changed', (payload) => changed.push(payload));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(count(core)).toBe(0);
    expect(count(quiet)).toBe(5);
    expect(changed).toContainEqual({ tables: ['runs'], connectorId: null });
    core.close();
    quiet.close();
  });
});
