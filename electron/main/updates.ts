import type { ShellSettings } from './settings.ts';

/**
 * Self-update with electron-updater, OFF unless a feed URL is configured: FLOWDECK_UPDATE_URL, else
 * `updateFeedUrl` in settings.json. With no feed, electron-updater is not even loaded, so nothing checks or
 * downloads (tests and default installs). With a feed: a "generic" provider (latest.yml / latest-mac.yml /
 * latest-linux.yml next to the installers, as electron-builder publishes them), checked at start and every
 * six hours, downloaded in the background and installed when the app quits.
 */
export const UPDATE_URL_ENV = 'FLOWDECK_UPDATE_URL';
export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

export type UpdateFeed =
  | { url: string; source: 'env' | 'settings' }
  | { url: null; reason: string };

/** The part of electron-updater's AppUpdater this module uses. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdatesAndNotify(): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdatesHandle {
  readonly enabled: boolean;
  stop(): void;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https URLs without credentials; plain http only on loopback (a local test feed). */
export function isValidFeedUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
}

export function resolveUpdateFeed(
  env: Readonly<Record<string, string | undefined>>,
  settings: Pick<ShellSettings, 'updateFeedUrl'>,
): UpdateFeed {
  const fromEnv = env[UPDATE_URL_ENV]?.trim();
  const candidate = fromEnv ? { url: fromEnv, source: 'env' as const } : settings.updateFeedUrl
    ? { url: settings.updateFeedUrl.trim(), source: 'settings' as const }
    : null;
  if (!candidate) return { url: null, reason: 'no update feed configured' };
  if (!isValidFeedUrl(candidate.url)) return { url: null, reason: `the ${candidate.source} update feed is not an https URL` };
  return candidate;
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

/** Starts update checks when the feed has a URL; otherwise returns a disabled handle and loads nothing. */
export async function startUpdates(options: StartUpdatesOptions): Promise<UpdatesHandle> {
  const { feed } = options;
  if (feed.url === null) return OFF;
  const updater = await (options.loadUpdater ?? loadElectronUpdater)();
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.setFeedURL({ provider: 'generic', url: feed.url });
  updater.on('error', (error) => console.warn('[flowdeck] update check failed:', error.message));
  const check = (): void => {
    updater.checkForUpdatesAndNotify().catch((error: unknown) => console.warn('[flowdeck] update check failed:', error));
  };
  check();
  const timer = setInterval(check, options.intervalMs ?? UPDATE_CHECK_INTERVAL_MS);
  timer.unref?.();
  return { enabled: true, stop: () => clearInterval(timer) };
}
