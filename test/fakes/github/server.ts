import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../../core/platform/clock.ts';
import { FaultPlan } from '../faults.ts';
import { GithubHandler } from './handler.ts';
import { FakeGithubState } from './state.ts';

export interface FakeGithubServer {
  /** API root (what a connector's base URL is set to, like https://api.github.com). */
  url: string;
  state: FakeGithubState;
  faults: FaultPlan;
  handler: GithubHandler;
  close(): Promise<void>;
}

/** Starts the fake GitHub API on 127.0.0.1 (port 0). */
export async function startFakeGithub(options: { clock: Clock }): Promise<FakeGithubServer> {
  const state = new FakeGithubState(options);
  const faults = new FaultPlan();
  const handler = new GithubHandler(state, faults);
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      open.add(res);
      res.on('close', () => open.delete(res));
      handler.handle(req, res, Buffer.concat(chunks).toString('utf8'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state, faults, handler,
    close: () => new Promise<void>((resolve) => {
      faults.releaseHanging();
      for (const res of open) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
