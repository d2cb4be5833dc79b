import { createServer } from 'node:http';
import type { Clock } from '../../../core/platform/clock.ts';
import { FaultPlan } from '../faults.ts';
import { ZapierRateLimits } from '../../../core/demo/vendors/zapier/rate-limit.ts';
import { createZapierHandler, type RequestLogEntry } from './handler.ts';
import { ZapierState } from './state.ts';

export interface FakeZapier {
  url: string;
  state: ZapierState;
  plan: FaultPlan;
  /** Every request the fake saw, with the fake clock's time and the answer's status (-1 = a transport fault). */
  log: RequestLogEntry[];
  /** Zapier's per-address and per-partner limits; `limits.otherInstalls` plays the partner's installs elsewhere. */
  limits: ZapierRateLimits;
  close(): Promise<void>;
}

/** A faithful fake of Zapier's Workflow API on 127.0.0.1 (port 0), on the caller's clock. */
export async function startFakeZapier(options: { clock: Clock; state?: ZapierState; plan?: FaultPlan }): Promise<FakeZapier> {
  const state = options.state ?? new ZapierState();
  const plan = options.plan ?? new FaultPlan();
  const log: RequestLogEntry[] = [];
  const limits = new ZapierRateLimits();
  let origin = '';
  const server = createServer(createZapierHandler({ state, clock: options.clock, plan, log, limits, origin: () => origin }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin, state, plan, log, limits,
    close: () => new Promise<void>((resolve) => {
      plan.releaseHanging();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
