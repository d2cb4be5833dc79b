import type { Server } from 'node:http';

/**
 * Starts listening and resolves with the actual port (useful with port 0). Address errors (port in use, an
 * address this machine does not have) go through `explain`, which turns them into the caller's plain message.
 */
export function listen(server: Server, port: number, host: string, explain: (code: 'EADDRINUSE' | 'EADDRNOTAVAIL') => Error): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' || error.code === 'EADDRNOTAVAIL' ? explain(error.code) : error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
