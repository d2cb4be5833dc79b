import { createCore, type Core } from '../app.ts';
import { prepareDemoDir } from './demo-dir.ts';
import type { Logger } from '../platform/logger.ts';
import { createSecretStore } from '../platform/secrets/index.ts';
import { seedDemo } from './seed.ts';
import { seedDemoRules } from '../alerts/demo-rules.ts';
import { seedRegistryDemo } from '../registry/demo-seed.ts';
import { DEMO_CADENCE, demoDrivers, startLiveDemo, type LiveDemo, type LiveDemoOptions } from './live.ts';

/**
 * The desktop's `--demo` and `serve --demo`: opens a core on a freshly seeded demo estate in the throwaway demo
 * directory beside `dataDir` (recreated at every start), never in the real ledger. The 30 days of history are
 * seeded directly; `startLive()` then starts the simulated n8n, Make and GitHub APIs on loopback and lets the real
 * connectors, scheduler and HTTP client poll them (credentials in a memory secret store, never the keychain).
 */
export function prepareDemo(options: { dataDir: string; logger: Logger; now: number; seed?: number }): {
  core: Core; dir: string; runs: number; workflows: number; startLive(options?: Pick<LiveDemoOptions, 'tickMs' | 'poll'>): Promise<LiveDemo>;
} {
  const dir = prepareDemoDir(options.dataDir);
  const secrets = createSecretStore({ kind: 'memory' });
  const core = createCore({ dataDir: dir, logger: options.logger, demo: true, connectors: { secrets, drivers: demoDrivers(), cadence: DEMO_CADENCE } });
  try {
    const seeded = seedDemo(core, { now: options.now, seed: options.seed ?? 42 });
    seedDemoRules(core, options.now);
    seedRegistryDemo(core, options.now);
    options.logger.info('demo estate seeded', { dir, ...seeded });
    const startLive = (live: Pick<LiveDemoOptions, 'tickMs' | 'poll'> = {}) =>
      startLiveDemo(core, { secrets, logger: options.logger, seed: options.seed ?? 42, ...live });
    return { core, dir, ...seeded, startLive };
  } catch (error) {
    core.close();
    throw error;
  }
}
