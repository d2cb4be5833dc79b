import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../platform/clock.ts';
import { FaultPlan } from './faults.ts';
import { GithubHandler } from './github/handler.ts';
import { FakeGithubState } from './github/state.ts';
import { listenOnLoopback } from './listen.ts';
import { MakeHandler } from './make/handler.ts';
import { FakeMakeState } from './make/state.ts';
import { createN8nHandler } from './n8n/handler.ts';
import { N8nState } from './n8n/state.ts';
import { createZapierHandler } from './zapier/handler.ts';
import { ZapierState } from './zapier/state.ts';

/**
 * The demo's vendor simulators: an n8n-, a Make-, a Zapier- and a GitHub-shaped API on 127.0.0.1 (any free port), the
 * same state and handler code the tests' fakes use. The demo's real connectors poll them through the real HTTP client.
 */
export interface VendorSimulators {
  n8n: { url: string; state: N8nState };
  make: { url: string; state: FakeMakeState };
  zapier: { url: string; state: ZapierState };
  github: { url: string; state: FakeGithubState };
  close(): Promise<void>;
}

async function listenN8n(state: N8nState): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(createN8nHandler({ state }));
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export interface SimulatorOptions {
  clock: Clock;
  firstN8nExecutionId?: number;
  /** Zapier's run ids count up from here (the seeded history's ids end below it). */
  firstZapierRunId?: number;
}

/** Zapier run ids continuing the seeded ones: numbers a few apart, as the seed hands them out (demo/vendors.ts). */
function zapierRunIds(first: number | undefined): (() => string) | undefined {
  if (first === undefined) return undefined;
  let next = first;
  return () => String((next += 7) - 7);
}

export async function startVendorSimulators(options: SimulatorOptions): Promise<VendorSimulators> {
  const { clock } = options;
  const n8nState = new N8nState({ now: () => clock.now(), ...(options.firstN8nExecutionId ? { firstExecutionId: options.firstN8nExecutionId } : {}) });
  const makeState = new FakeMakeState({ clock });
  const githubState = new FakeGithubState({ clock });
  const runIds = zapierRunIds(options.firstZapierRunId);
  const zapierState = new ZapierState(runIds ? { runIds } : {});
  const closers: (() => Promise<void>)[] = [];
  try {
    const n8n = await listenN8n(n8nState);
    closers.push(n8n.close);
    const makeHandler = new MakeHandler(makeState, new FaultPlan());
    const make = await listenOnLoopback((req, res, body) => makeHandler.handle(req, res, body), makeHandler.faults);
    closers.push(make.close);
    const githubHandler = new GithubHandler(githubState, new FaultPlan());
    const github = await listenOnLoopback((req, res, body) => githubHandler.handle(req, res, body), githubHandler.faults);
    closers.push(github.close);
    const githubLogs = await listenOnLoopback((req, res) => githubHandler.logs.handle(req, res), new FaultPlan());
    githubHandler.logs.origin = githubLogs.url;
    closers.push(githubLogs.close);
    const zapierFaults = new FaultPlan();
    let zapierOrigin = '';
    const zapierHandler = createZapierHandler({ state: zapierState, clock, plan: zapierFaults, origin: () => zapierOrigin });
    const zapier = await listenOnLoopback(zapierHandler, zapierFaults);
    zapierOrigin = zapier.url;
    closers.push(zapier.close);
    return {
      n8n: { url: n8n.url, state: n8nState },
      make: { url: make.url, state: makeState },
      zapier: { url: zapier.url, state: zapierState },
      github: { url: github.url, state: githubState },
      close: async () => { await Promise.all(closers.map((c) => c())); },
    };
  } catch (error) {
    await Promise.all(closers.map((c) => c()));
    throw error;
  }
}
