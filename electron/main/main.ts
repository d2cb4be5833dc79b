import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { app, dialog, session } from 'electron';
import { registerAppScheme, serveAppProtocol } from './app-protocol.ts';
import { CoreHost } from './core-host.ts';
import { registerIpc } from './ipc.ts';
import { shellPaths } from './paths.ts';
import { coreArgs, parseShellArgs } from './shell-args.ts';
import { createMainWindow, hardenSession } from './window.ts';
import { WindowRegistry } from './window-registry.ts';

/** Electron main entry: a thin broker. Windows, the app:// protocol and the core process; no business logic. */

const registry = new WindowRegistry();
let core: CoreHost | null = null;
let quitting = false;

function desktopActor(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'desktop-user';
  }
}

function openWindow(): void {
  registry.add(createMainWindow({ preloadPath: shellPaths().preload, devTools: !app.isPackaged }));
}

function focusExistingWindow(): void {
  const win = registry.primary();
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

async function start(): Promise<void> {
  const paths = shellPaths();
  hardenSession(session.defaultSession);
  serveAppProtocol(paths.rendererDir);
  if (!existsSync(paths.coreEntry)) {
    dialog.showErrorBox('Flowdeck cannot start', `The core bundle is missing: ${paths.coreEntry}\nRun "npm run bundle" first.`);
    app.quit();
    return;
  }
  const args = parseShellArgs(process.argv);
  const actor = desktopActor();
  const dataDir = args.dataDir ?? process.env.FLOWDECK_DATA_DIR ?? path.join(app.getPath('userData'), 'data');
  core = new CoreHost({
    entry: paths.coreEntry,
    args: coreArgs({ dataDir, actor, demo: args.demo }),
    actor,
    onFatal: (message) => {
      dialog.showErrorBox('Flowdeck cannot open its data', `${message}\n\nData directory: ${dataDir}`);
      app.quit();
    },
  });
  registerIpc({ registry, core });
  core.start();
  openWindow();
}

function boot(): Promise<void> {
  app.on('second-instance', focusExistingWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && core && registry.size === 0) openWindow();
  });
  app.on('before-quit', (event) => {
    if (quitting || !core?.running) return;
    event.preventDefault();
    quitting = true;
    void core.stop().finally(() => app.quit());
  });
  return app.whenReady().then(start).catch((error: unknown) => {
    console.error('[flowdeck] startup failed:', error);
    app.quit();
  });
}

registerAppScheme();
app.enableSandbox();

/** Settles when start-up is done (tests await it). A second instance quits at once; the first one gets focused. */
export const startup: Promise<void> = app.requestSingleInstanceLock() ? boot() : Promise.resolve(app.quit());
