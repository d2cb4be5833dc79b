import type { SecretStore } from '../../platform/secrets/index.ts';
import { portDuplex, type ParentPort } from '../port-duplex.ts';
import { startAttachedDesktop, type AttachedDesktop, type AttachOptions } from './attached-desktop.ts';
import { parseServerAddress } from './server-address.ts';

export interface RunAttachedOptions {
  /** The team server's address from the desktop's settings. */
  serverUrl: string;
  secrets: SecretStore;
  /** Ends the process after a shutdown (default process.exit). */
  exit?: (code: number) => void;
  /** Test seams passed through to the attach client. */
  attach?: Partial<Pick<AttachOptions, 'backoff' | 'random' | 'every' | 'now' | 'fetch'>>;
}

/**
 * The desktop's core process when it is attached to a team server: no ledger of its own. Each window's port is
 * relayed to the server; the tray's state, notifications and the attach status go to main; the tray's pause and
 * sign-in/sign-out come back. Throws (main shows it and quits) only for an address that is not a web address.
 */
export function runAttachedProcess(parentPort: ParentPort, o: RunAttachedOptions): AttachedDesktop {
  const address = parseServerAddress(o.serverUrl);
  if (!address) throw new Error(`The team server address in Settings is not a web address (http or https): ${o.serverUrl.slice(0, 200)}`);
  const desktop = startAttachedDesktop({ ...o.attach, address, secrets: o.secrets, post: (m) => parentPort.postMessage(m) });
  parentPort.on('message', (e) => {
    const message = e.data as { type?: string } | null;
    if (message?.type === 'connect' && e.ports[0]) {
      const port = e.ports[0];
      desktop.connectWindow(portDuplex(port));
      port.start();
    } else if (message?.type === 'shutdown') {
      desktop.stop();
      (o.exit ?? process.exit)(0);
    } else {
      desktop.receive(message);
    }
  });
  parentPort.postMessage({ type: 'ready', attached: true });
  return desktop;
}
