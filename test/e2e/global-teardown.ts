// Stops the `flowdeck serve --demo` that global-setup.ts started and removes its data dir.
import { rmSync } from 'node:fs';
import { serverKey, type E2eServer } from './global-setup.ts';

const STOP_TIMEOUT_MS = 10_000;

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as Record<symbol, unknown>)[serverKey] as E2eServer | undefined;
  if (!server) return;
  delete (globalThis as Record<symbol, unknown>)[serverKey];
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const forced = new Promise<void>((resolve) => {
      timer = setTimeout(() => { server.child.kill('SIGKILL'); resolve(); }, STOP_TIMEOUT_MS);
    });
    await Promise.race([server.exited, forced]);
    clearTimeout(timer);
  }
  rmSync(server.tmp, { recursive: true, force: true });
}
