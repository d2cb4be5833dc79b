import { createCore, type Core } from '../../core/app.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';

export const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);

/** A core on a fresh in-memory ledger with a fixed clock and a memory logger. */
export function testCore(options: { demo?: boolean; connectors?: string[] } = {}): Core & { clock: ReturnType<typeof fixedClock> } {
  const clock = fixedClock(T0);
  const core = createCore({ dataDir: ':memory:', clock, logger: createMemoryLogger(), demo: options.demo ?? false });
  for (const id of options.connectors ?? ['c1']) {
    core.ledger.connectors.create({ id, kind: 'n8n', name: `Connector ${id}` }, T0);
    // Polled just now, so Flowdeck can see its workflows (a never-polled connector makes them `unknown`).
    core.connectors.repo.recordPoll(id, { at: T0, nextPollAt: null, ok: true, error: null, consecutiveFailures: 0, runsInserted: 0, firstSyncDone: true });
  }
  return Object.assign(core, { clock });
}
