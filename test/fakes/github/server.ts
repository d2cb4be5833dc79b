import type { Clock } from '../../../core/platform/clock.ts';
import { FaultPlan } from '../faults.ts';
import { listenOnLoopback } from '../listen.ts';
import { GithubHandler } from './handler.ts';
import { FakeGithubState } from './state.ts';

export interface FakeGithubServer {
  /** API root (what a connector's base URL is set to, like https://api.github.com). */
  url: string;
  state: FakeGithubState;
  faults: FaultPlan;
  handler: GithubHandler;
  /** The log host job logs redirect to (another origin, like GitHub's storage). */
  logsUrl: string;
  close(): Promise<void>;
}

/** Starts the fake GitHub API on 127.0.0.1 (port 0), and its log host on another port. */
export async function startFakeGithub(options: { clock: Clock }): Promise<FakeGithubServer> {
  const state = new FakeGithubState(options);
  const faults = new FaultPlan();
  const handler = new GithubHandler(state, faults);
  const server = await listenOnLoopback((req, res, body) => handler.handle(req, res, body), faults);
  const logs = await listenOnLoopback((req, res) => handler.logs.handle(req, res), new FaultPlan());
  handler.logs.origin = logs.url;
  return {
    url: server.url, state, faults, handler, logsUrl: logs.url,
    close: async () => { await Promise.all([server.close(), logs.close()]); },
  };
}
