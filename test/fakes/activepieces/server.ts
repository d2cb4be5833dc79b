import type { Clock } from '../../../core/platform/clock.ts';
import { FaultPlan } from '../faults.ts';
import { listenOnLoopback } from '../listen.ts';
import { createActivepiecesHandler, type RequestLogEntry } from './handler.ts';
import { ActivepiecesState } from './state.ts';

/** A running fake Activepieces on 127.0.0.1 (any free port), on the caller's clock. */
export interface FakeActivepieces {
  /** The instance address (what a user types), e.g. `http://127.0.0.1:43121`; the API is under `/api/v1` (A1). */
  url: string;
  state: ActivepiecesState;
  /** Transport faults (429/5xx/hang/truncate/malformed/html/reset) before the real handler answers. */
  plan: FaultPlan;
  /** Every request, with the fake clock's time and the answer's status (-1: a transport fault). */
  log: RequestLogEntry[];
  close(): Promise<void>;
}

export async function startFakeActivepieces(options: { clock: Clock; state?: ActivepiecesState }): Promise<FakeActivepieces> {
  const state = options.state ?? new ActivepiecesState();
  const plan = new FaultPlan();
  const log: RequestLogEntry[] = [];
  const server = await listenOnLoopback(createActivepiecesHandler({ state, clock: options.clock, plan, log }), plan);
  return { url: server.url, state, plan, log, close: server.close };
}
