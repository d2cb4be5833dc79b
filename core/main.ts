/**
 * The core process entry on the desktop: Electron's main process forks this file as a utility process
 * and hands it one MessagePort per window. Each port carries the contract's JSON text frames.
 * It never imports electron: `process.parentPort` is the only Electron-specific surface it touches.
 */
import { parseArgs } from 'node:util';
import { createCore } from './app.ts';
import { demoNowFrom } from './demo/demo-now.ts';
import { prepareDemo } from './demo/prepare.ts';
import { runAttachedProcess } from './desktop/attach/run-attached.ts';
import { startDesktopBridge } from './desktop/bridge.ts';
import { desktopCaller } from './desktop/caller.ts';
import { portDuplex, type ParentPort } from './desktop/port-duplex.ts';
import { PushReceiverRefused, startPushReceiver } from './push/receiver.ts';
import { createStderrLogger } from './platform/logger.ts';
import { createSecretStore } from './platform/secrets/index.ts';

export async function runUtilityProcess(
  parentPort: ParentPort, argv: string[], env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, actor: { type: 'string' }, demo: { type: 'boolean' }, attach: { type: 'string' } },
    strict: false,
  });
  // Attached to a team server (the desktop's Settings): no ledger here; windows, tray and notifications follow the server.
  if (typeof values.attach === 'string') {
    runAttachedProcess(parentPort, { serverUrl: values.attach, secrets: createSecretStore({ kind: 'keychain' }) });
    return;
  }
  const logger = createStderrLogger('core');
  const dataDir = typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined;
  if (!dataDir) throw new Error('core: --data-dir is required');
  const demo = values.demo === true;
  const defaultActor = typeof values.actor === 'string' ? values.actor : 'desktop user';
  const secrets = demo ? null : createSecretStore({ kind: 'keychain' });
  // FLOWDECK_DEMO_NOW pins the demo's clock to an instant (then it runs at real speed); a bad value stops start-up.
  const startAt = demo ? demoNowFrom(env) : null;
  const demoEstate = secrets ? null : prepareDemo({ dataDir, logger, ...(startAt === null ? {} : { startAt }) });
  const core = demoEstate ? demoEstate.core : createCore({ dataDir, logger, connectors: { secrets: secrets! } });
  // Connectors poll in the background and pushed heartbeats arrive on loopback. The demo's connectors poll
  // simulated n8n, Make and GitHub APIs on loopback; it has no heartbeat receiver.
  if (demoEstate) {
    await demoEstate.startLive().catch((error: unknown) => {
      logger.warn('demo vendors not simulated; the demo shows its seeded history only', { reason: error instanceof Error ? error.message : String(error) });
    });
  }
  if (secrets) {
    core.connectors.scheduler.start();
    await startPushReceiver({ core, secrets }).catch((error: unknown) => {
      logger.warn('heartbeat receiver not started', { reason: error instanceof PushReceiverRefused ? error.message : String(error) });
    });
  }
  // The tray's state and desktop notifications go to main; the tray menu's pause comes back (core/desktop).
  const desktop = startDesktopBridge({ core, actor: defaultActor, post: (m) => parentPort.postMessage(m) });
  parentPort.on('message', (e) => {
    const message = e.data as { type?: string; actor?: string } | null;
    if (message?.type === 'connect' && e.ports[0]) {
      const port = e.ports[0];
      core.connect(portDuplex(port), desktopCaller(message.actor ?? defaultActor));
      port.start();
    } else if (message?.type === 'shutdown') {
      desktop.stop();
      core.close();
      process.exit(0);
    } else {
      desktop.receive(message);
    }
  });
  parentPort.postMessage({ type: 'ready', demo });
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (parentPort) {
  runUtilityProcess(parentPort, process.argv.slice(2)).catch((error: unknown) => {
    parentPort.postMessage({ type: 'fatal', message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  });
}
