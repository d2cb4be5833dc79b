import { createCore, type Core } from '../app.ts';
import { prepareDemoDir } from './demo-dir.ts';
import type { Logger } from '../platform/logger.ts';
import { seedDemo } from './seed.ts';
import { seedDemoRules } from '../alerts/demo-rules.ts';
import { seedRegistryDemo } from '../registry/demo-seed.ts';

/**
 * The desktop's `--demo`: opens a core on a freshly seeded demo estate in the throwaway demo directory
 * beside `dataDir` (recreated at every start, like `serve --demo`), never in the real ledger.
 */
export function prepareDemo(options: { dataDir: string; logger: Logger; now: number; seed?: number }): { core: Core; dir: string; runs: number; workflows: number } {
  const dir = prepareDemoDir(options.dataDir);
  const core = createCore({ dataDir: dir, logger: options.logger, demo: true });
  try {
    const seeded = seedDemo(core, { now: options.now, seed: options.seed ?? 42 });
    seedDemoRules(core, options.now);
    seedRegistryDemo(core, options.now);
    options.logger.info('demo estate seeded', { dir, ...seeded });
    return { core, dir, ...seeded };
  } catch (error) {
    core.close();
    throw error;
  }
}
