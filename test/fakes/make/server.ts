import type { Clock } from '../../../core/platform/clock.ts';
import { FaultPlan } from '../faults.ts';
import { listenOnLoopback } from '../listen.ts';
import { MakeHandler } from './handler.ts';
import { FakeMakeState } from './state.ts';

export interface FakeMakeServer {
  /** Zone URL (what a connector's base URL is set to); the API is under `/api/v2`. */
  url: string;
  state: FakeMakeState;
  faults: FaultPlan;
  handler: MakeHandler;
  close(): Promise<void>;
}

/** Starts the fake Make zone on 127.0.0.1 (port 0). */
export async function startFakeMake(options: { clock: Clock; zone?: string }): Promise<FakeMakeServer> {
  const state = new FakeMakeState(options);
  const faults = new FaultPlan();
  const handler = new MakeHandler(state, faults);
  const server = await listenOnLoopback((req, res, body) => handler.handle(req, res, body), faults);
  return { url: server.url, state, faults, handler, close: server.close };
}
