import * as electron from 'electron';
import type { BrowserWindow as Window, Session, WebContents } from 'electron';
import { APP_START_URL, isAppUrl } from './app-origin.ts';
import { isAllowedExternalUrl, openExternalUrl } from './external-url.ts';

export interface MainWindowOptions {
  /** Absolute path of the bundled preload (out/electron/preload.cjs). */
  preloadPath: string;
  /** False in packaged builds: no devtools at all. */
  devTools: boolean;
  /** Size, and position when the saved one is still on screen (window-state.ts); default 1280x820, centred. */
  bounds?: { x?: number; y?: number; width: number; height: number };
}

/** Deny every permission request and check, including device (HID/USB/serial) access. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/**
 * No new windows (https links go to the OS browser instead), no navigation or redirect away from
 * app://flowdeck, no <webview>, and devtools closed again if they open in a packaged build.
 */
export function guardWebContents(contents: WebContents, options: { devTools: boolean }): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) {
      openExternalUrl(url).catch((error: unknown) => console.warn('[flowdeck] open external failed:', error));
    }
    return { action: 'deny' };
  });
  const stayOnApp = (event: { url: string; preventDefault(): void }): void => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnApp);
  contents.on('will-frame-navigate', stayOnApp);
  contents.on('will-redirect', stayOnApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  if (!options.devTools) contents.on('devtools-opened', () => contents.closeDevTools());
}

/** Something that announces every new web contents (Electron's `app`). */
export interface WebContentsSource {
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContents) => void): unknown;
}

/**
 * The app-wide guard: every web contents created anywhere in the app (not only the main window's) denies new
 * windows, stays on app://flowdeck, refuses <webview> and, in packaged builds, closes devtools.
 */
export function guardAllWebContents(app: WebContentsSource, options: { devTools: boolean }): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, options));
}

// `new BrowserWindow({ ... webPreferences: { literal } })` stays visible as such in the CJS bundle (a plain
// identifier, not `import_electron.BrowserWindow`, and no helper returning the options): electronegativity
// matches exactly that shape, so the scan of out/electron really checks these settings.
const { BrowserWindow } = electron;

/** The main window. Secure defaults, no exceptions. */
export function createMainWindow(options: MainWindowOptions): Window {
  const win = new BrowserWindow({
    ...(options.bounds ?? { width: 1280, height: 820 }),
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Flowdeck',
    webPreferences: {
      preload: options.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // Middle-click would otherwise try to open links in a new window.
      disableBlinkFeatures: 'Auxclick',
      devTools: options.devTools,
    },
  });
  hardenSession(win.webContents.session);
  guardWebContents(win.webContents, options);
  win.once('ready-to-show', () => win.show());
  win.loadURL(APP_START_URL).catch((error: unknown) => console.error('[flowdeck] could not load the console:', error));
  return win;
}
