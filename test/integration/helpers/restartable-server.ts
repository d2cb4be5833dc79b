import { createCore, type Core } from '../../../core/app.ts';
import type { Clock } from '../../../core/platform/clock.ts';
import { createMemoryLogger } from '../../../core/platform/logger.ts';
import { startServer, type RunningServer } from '../../../core/server/server.ts';
import { TEST_HASHING } from './users.ts';

export interface Running { core: Core; server: RunningServer }

/**
 * A serve-mode server on a data dir that a test can stop and start again (on the same port, to check what survives a
 * restart). `options` is read at every start, so the test may set its data dir and clock in `beforeEach`.
 */
export function restartableServer(options: () => { dataDir: string; rendererDir: string; clock: Clock; launchActor: string }) {
  let running: Running | null = null;
  return {
    async start(port = 0): Promise<Running> {
      const o = options();
      const core = createCore({ dataDir: o.dataDir, clock: o.clock, logger: createMemoryLogger(), users: { hashing: TEST_HASHING } });
      const server = await startServer({ core, rendererDir: o.rendererDir, port, launchActor: o.launchActor });
      running = { core, server };
      return running;
    },
    async stop(): Promise<void> {
      if (!running) return;
      await running.server.close();
      running.core.close();
      running = null;
    },
  };
}
