import path from 'node:path';

/**
 * Self-update with electron-updater, only from the BUILT-IN configuration: the `app-update.yml` that
 * electron-builder writes into the app's resources when a release is built with a publish target. It sits
 * inside the installed app (read-only, covered by its code signature), so no environment variable or
 * user-writable settings file can point the app at another feed. Without that file (development, tests,
 * builds without a publish target) electron-updater is not even loaded, so nothing checks or downloads.
 * With it: checked at start and every six hours, downloaded in the background, installed when the app quits.
 *
 * Signatures: on Windows electron-updater installs an update only when its Authenticode signature names the
 * same publisher as the running app (`verifyUpdateCodeSignature`, on in electron-builder.yml); on macOS
 * Squirrel.Mac installs only an update signed by the same Developer ID. Every download is also checked against
 * the sha512 in latest*.yml. Linux AppImage updates are checked by that sha512 only (no OS signature check).
 */
export const BUILT_IN_FEED_FILE = 'app-update.yml';
export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

export type UpdateFeed = { config: string; source: 'built-in' } | { config: null; reason: string };

/** The part of electron-updater's AppUpdater this module uses (the feed comes from app-update.yml, never set here). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdatesAndNotify(): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdatesHandle {
  readonly enabled: boolean;
  stop(): void;
}

/** The built-in feed of a packaged app, or why updates are off. Nothing else is consulted (no env, no settings). */
export function resolveUpdateFeed(o: { packaged: boolean; resourcesPath: string | undefined; exists: (file: string) => boolean }): UpdateFeed {
  if (!o.packaged || !o.resourcesPath) return { config: null, reason: 'not a packaged app' };
  const config = path.join(o.resourcesPath, BUILT_IN_FEED_FILE);
  if (!o.exists(config)) return { config: null, reason: 'this build has no update feed' };
  return { config, source: 'built-in' };
}

async function loadElectronUpdater(): Promise<UpdaterLike> {
  const { autoUpdater } = await import('electron-updater');
  return autoUpdater;
}

export interface StartUpdatesOptions {
  feed: UpdateFeed;
  loadUpdater?: () => Promise<UpdaterLike>;
  intervalMs?: number;
}

const OFF: UpdatesHandle = Object.freeze({ enabled: false, stop: () => undefined });

/** Starts update checks when the app has its built-in feed; otherwise returns a disabled handle and loads nothing. */
export async function startUpdates(options: StartUpdatesOptions): Promise<UpdatesHandle> {
  const { feed } = options;
  if (feed.config === null) return OFF;
  const updater = await (options.loadUpdater ?? loadElectronUpdater)();
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.on('error', (error) => console.warn('[flowdeck] update check failed:', error.message));
  const check = (): void => {
    updater.checkForUpdatesAndNotify().catch((error: unknown) => console.warn('[flowdeck] update check failed:', error));
  };
  check();
  const timer = setInterval(check, options.intervalMs ?? UPDATE_CHECK_INTERVAL_MS);
  timer.unref?.();
  return { enabled: true, stop: () => clearInterval(timer) };
}
