import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { app, dialog, screen, session } from 'electron';
import { registerAppScheme, serveAppProtocol } from './app-protocol.ts';
import { setStartAtLogin } from './autostart.ts';
import { installCloseToTray, TraySlot } from './close-to-tray.ts';
import { CoreHost } from './core-host.ts';
import { findDeepLinkArg } from './deep-link.ts';
import { DeepLinkRouter, registerProtocolClient } from './deep-link-router.ts';
import { registerIpc } from './ipc.ts';
import { DesktopNotifications } from './notifications.ts';
import { shellPaths, trayIconPath } from './paths.ts';
import { DEFAULT_SETTINGS, readSettings, settingsFile, updateSettings, type ShellSettings } from './settings.ts';
import { coreArgs, parseShellArgs } from './shell-args.ts';
import { registerTeamServerIpc, TeamServerLink } from './team-server.ts';
import { FlowdeckTray } from './tray.ts';
import { resolveUpdateFeed, startUpdates } from './updates.ts';
import { createMainWindow, guardAllWebContents, hardenSession } from './window.ts';
import { placeWindow, readWindowState, trackWindowState, windowStateFile } from './window-state.ts';
import { WindowRegistry } from './window-registry.ts';

/**
 * Electron main entry: a thin broker. Windows, the app:// protocol, the core process and OS integration
 * (flowdeck:// links, single instance, window state, close to tray, start at login, updates); no business logic.
 */

const registry = new WindowRegistry();
/** The tray registers its icon here (`traySlot.set(tray)`); close-to-tray only hides when there is one. */
const traySlot = new TraySlot();
const deepLinks = new DeepLinkRouter({ window: () => registry.primary(), focus: showMainWindow });
const notifications = new DesktopNotifications({ navigate: (route) => void deepLinks.navigate(route), showWindow: showMainWindow });
const tray = new FlowdeckTray({
  iconPath: (status, theme) => trayIconPath(status, theme, { isPackaged: app.isPackaged, resourcesPath: process.resourcesPath }),
  openWindow: showMainWindow,
  post: (message) => core?.post(message) ?? false,
  quit: () => app.quit(),
});
let settings: ShellSettings = { ...DEFAULT_SETTINGS };
let core: CoreHost | null = null;
/** Set once quitting starts: windows then really close instead of hiding to the tray. */
let appQuitting = false;
/** Set once the core has been asked to stop (before-quit runs again after it has exited). */
let coreStopping = false;

function desktopActor(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'desktop-user';
  }
}

function openWindow(): void {
  const stateFile = windowStateFile(app.getPath('userData'));
  const placement = placeWindow(readWindowState(stateFile), screen.getAllDisplays().map((d) => d.workArea));
  const win = createMainWindow({ preloadPath: shellPaths().preload, devTools: !app.isPackaged, bounds: placement.bounds });
  if (placement.maximized) win.once('ready-to-show', () => win.maximize());
  trackWindowState(win, stateFile);
  installCloseToTray(win, {
    enabled: () => settings.closeToTray,
    hasTray: () => traySlot.present,
    isQuitting: () => appQuitting,
  });
  deepLinks.attach(win);
  registry.add(win);
}

/** Applies the start-at-login setting (packaged builds only; null leaves the OS login items alone). */
function syncStartAtLogin(wanted: boolean | null): void {
  if (wanted === null || !app.isPackaged) return;
  try {
    setStartAtLogin(wanted, { platform: process.platform, env: process.env, homeDir: os.homedir(), execPath: process.execPath });
  } catch (error) {
    console.warn('[flowdeck] could not change start at login:', error);
  }
}

function startUpdateChecks(): void {
  const feed = resolveUpdateFeed({ packaged: app.isPackaged, resourcesPath: process.resourcesPath, exists: existsSync });
  startUpdates({ feed }).catch((error: unknown) => console.warn('[flowdeck] updates could not start:', error));
}

function focusExistingWindow(): void {
  const win = registry.primary();
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/** Brings the window back (restored, shown, focused), or opens one when none is left (macOS keeps running). */
function showMainWindow(): void {
  if (registry.size > 0) focusExistingWindow();
  else if (app.isReady() && core) openWindow();
}

/** The tray icon; some Linux desktops have no tray, and then windows simply close (close-to-tray needs one). */
function startTray(): void {
  try {
    traySlot.set(tray.create());
  } catch (error) {
    console.warn('[flowdeck] no tray icon:', error);
  }
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
  const file = settingsFile(app.getPath('userData'));
  settings = readSettings(file);
  const args = parseShellArgs(process.argv);
  const actor = desktopActor();
  const dataDir = args.dataDir ?? process.env.FLOWDECK_DATA_DIR ?? path.join(app.getPath('userData'), 'data');
  // Attached to a team server (Settings), the core process runs no monitor of its own: it relays to the server.
  const teamServerUrl = args.demo ? null : settings.teamServerUrl;
  const teamServer = new TeamServerLink({
    teamServerUrl,
    post: (message) => core?.post(message) ?? false,
    windows: () => registry.all().map((win) => win.webContents),
    apply: (url) => {
      settings = updateSettings(file, { teamServerUrl: url });
      app.relaunch();
      app.quit();
    },
  });
  core = new CoreHost({
    entry: paths.coreEntry,
    args: coreArgs({ dataDir, actor, demo: args.demo, teamServerUrl }),
    actor,
    onFatal: (message) => {
      dialog.showErrorBox('Flowdeck cannot open its data', `${message}\n\nData directory: ${dataDir}`);
      app.quit();
    },
    onDesktopMessage: (message) => {
      if (message.type === 'tray-state') tray.update(message);
      else if (message.type === 'attach-status') teamServer.update(message);
      else notifications.show(message);
    },
  });
  registerIpc({ registry, core });
  registerTeamServerIpc(registry, teamServer);
  core.start();
  startTray();
  openWindow();
  registerProtocolClient(app.isPackaged);
  // Windows and Linux start the app with the clicked link as an argument.
  const link = findDeepLinkArg(process.argv);
  if (link) deepLinks.open(link);
  syncStartAtLogin(settings.openAtLogin);
  startUpdateChecks();
}

function boot(): Promise<void> {
  // A second launch (e.g. a clicked flowdeck:// link on Windows/Linux) hands its argv to this instance and quits.
  app.on('second-instance', (_event, argv: string[]) => {
    showMainWindow();
    const link = findDeepLinkArg(argv);
    if (link) deepLinks.open(link);
  });
  // macOS delivers links as events, possibly before ready (the router waits for the window).
  app.on('open-url', (event, url) => {
    event.preventDefault();
    deepLinks.open(url);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', showMainWindow);
  // Every web contents the app ever creates (windows, popups, devtools) gets the same guard as the main window.
  guardAllWebContents(app, { devTools: !app.isPackaged });
  app.on('before-quit', (event) => {
    appQuitting = true;
    if (coreStopping || !core?.running) return;
    event.preventDefault();
    coreStopping = true;
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
