import { createCore, type Core } from '../app.ts';
import { prepareDemoDir } from './demo-dir.ts';
import { offsetClock, systemClock, type Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/logger.ts';
import type { Timers } from '../sync/timers.ts';
import { createSecretStore } from '../platform/secrets/index.ts';
import { seedDemo } from './seed.ts';
import { seedDemoRules } from './alert-rules.ts';
import { seedRegistryDemo } from './registry-seed.ts';
import { DEMO_CADENCE, demoDrivers, startLiveDemo, type LiveDemo, type LiveDemoOptions } from './live.ts';

/**
 * The desktop's `--demo` and `serve --demo`: opens a core on a freshly seeded demo estate in the throwaway demo
 * directory beside `dataDir` (recreated at every start), never in the real ledger. The 30 days of history are
 * seeded directly; `startLive()` then starts the simulated n8n, Make and GitHub APIs on loopback and lets the real
 * connectors, scheduler and HTTP client poll them (credentials in a memory secret store, never the keychain).
 */
export interface PrepareDemoOptions {
  dataDir: string;
  logger: Logger;
  /** The end of the seeded history (default: the clock's now). */
  now?: number;
  /**
   * Runs the whole demo core on a clock that starts at this instant and then runs at real speed (FLOWDECK_DEMO_NOW),
   * with Node's timers; alerting, backups and retention start as on the wall clock. Ignored when `time` is given.
   */
  startAt?: number;
  seed?: number;
  /**
   * Time for tests: the core's clock and the timers of its scheduler and of the live feed (e.g. fixedClock and
   * ManualTimers), so a test drives the live demo through hours at once. Like any core with an injected clock, its
   * alerting, backups and retention do not start on their own. Default: the wall clock and Node's timers.
   */
  time?: { clock: Clock; timers: Timers };
}

export type StartLiveOptions = Pick<LiveDemoOptions, 'tick' | 'poll'>;

export function prepareDemo(options: PrepareDemoOptions): {
  core: Core; dir: string; runs: number; workflows: number; startLive(options?: StartLiveOptions): Promise<LiveDemo>;
} {
  const dir = prepareDemoDir(options.dataDir);
  const secrets = createSecretStore({ kind: 'memory' });
  const { time } = options;
  const startAt = time ? undefined : options.startAt;
  const pinned = startAt === undefined ? null : offsetClock(startAt);
  const clock = time?.clock ?? pinned;
  const core = createCore({
    dataDir: dir, logger: options.logger, demo: true, ...(clock ? { clock } : {}),
    connectors: { secrets, drivers: demoDrivers(), cadence: DEMO_CADENCE, ...(time ? { timers: time.timers } : {}) },
    // A pinned clock still runs at real speed on real timers, so the core's own schedules run as on the wall clock.
    ...(pinned ? { alerting: { autoStart: true }, backups: { autoStart: true }, retention: { autoStart: true }, digests: { autoStart: true } } : {}),
  });
  try {
    // Pinned: the history ends exactly at the pinned instant (a few ms before the core's first reading), so the same
    // instant always seeds the same month.
    const now = options.now ?? startAt ?? (clock ?? systemClock).now();
    const seeded = seedDemo(core, { now, seed: options.seed ?? 42 });
    seedDemoRules(core, now);
    seedRegistryDemo(core, now);
    options.logger.info('demo estate seeded', { dir, ...seeded });
    // The live feed takes over the schedules where the seeded history ends.
    const startLive = (live: StartLiveOptions = {}) => startLiveDemo(core, {
      secrets, logger: options.logger, seed: options.seed ?? 42, scheduledFrom: now, ...(time ? { timers: time.timers } : {}), ...live,
    });
    return { core, dir, ...seeded, startLive };
  } catch (error) {
    core.close();
    throw error;
  }
}
