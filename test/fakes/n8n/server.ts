import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultPlan } from '../faults.ts';
import { createN8nHandler, VendorFaults, type RequestLogEntry } from './handler.ts';
import { N8nState } from './state.ts';

/** A running fake n8n on 127.0.0.1 (random port) with its state, fault controls and request log. */
export interface FakeN8n {
  /** The instance address (what a user types), e.g. `http://127.0.0.1:43121`; the API is under `/api/v1`. */
  url: string;
  state: N8nState;
  faults: FaultPlan;
  vendor: VendorFaults;
  requests: RequestLogEntry[];
  close(): Promise<void>;
}

export async function startFakeN8n(options: { state?: N8nState } = {}): Promise<FakeN8n> {
  const state = options.state ?? new N8nState();
  const faults = new FaultPlan();
  const vendor = new VendorFaults();
  const requests: RequestLogEntry[] = [];
  const server = createServer(createN8nHandler({ state, faults, vendor, log: requests }));
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state, faults, vendor, requests,
    close: () => new Promise<void>((resolve) => {
      faults.releaseHanging();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
