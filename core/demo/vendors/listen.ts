import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultPlan } from './faults.ts';

export interface LoopbackServer {
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a fake vendor on 127.0.0.1 (any free port). The handler gets the whole request body as text.
 * Closing ends hanging fault requests and open sockets first, so tests never wait on them.
 */
export async function listenOnLoopback(
  handle: (req: IncomingMessage, res: ServerResponse, body: string) => void,
  faults: FaultPlan,
): Promise<LoopbackServer> {
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      open.add(res);
      res.on('close', () => open.delete(res));
      handle(req, res, Buffer.concat(chunks).toString('utf8'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      faults.releaseHanging();
      for (const res of open) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
