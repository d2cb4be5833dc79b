import { app, type BrowserWindow, type WebContents } from 'electron';
import { NAVIGATE_CHANNEL } from '../shared/ipc-channels.ts';
import { isNavigationRoute } from '../shared/navigation.ts';
import { deepLinkRoute, parseDeepLink, PROTOCOL_SCHEME } from './deep-link.ts';

export interface DeepLinkRouterDeps {
  /** The window links open in (the primary one), if there is one. */
  window(): BrowserWindow | undefined;
  /** Brings that window to the front (restore, show, focus). */
  focus(): void;
}

/** A refused link as it may appear in a log line: quoted, control characters escaped, cut short. */
function describeLink(value: unknown): string {
  if (typeof value !== 'string') return `(${typeof value})`;
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

/**
 * Turns accepted `flowdeck://` links into a navigation of the console: focuses the window and sends it the hash
 * route on NAVIGATE_CHANNEL. A link that arrives before the page has loaded (cold start from a link, macOS
 * `open-url` before ready) waits, and only the latest one is kept.
 */
export class DeepLinkRouter {
  private readonly deps: DeepLinkRouterDeps;
  private readonly loaded = new WeakSet<WebContents>();
  private pending: string | null = null;

  constructor(deps: DeepLinkRouterDeps) {
    this.deps = deps;
  }

  /** Call for each window right after creating it. */
  attach(win: BrowserWindow): void {
    const contents = win.webContents;
    contents.on('did-finish-load', () => {
      this.loaded.add(contents);
      this.flush();
    });
  }

  /** Handles a link from any source; returns false (and logs) when it is refused. */
  open(url: unknown): boolean {
    const link = parseDeepLink(url);
    if (!link) {
      console.warn(`[flowdeck] refused link ${describeLink(url)}: only flowdeck://incident/<id> and flowdeck://run/<id> open`);
      return false;
    }
    return this.navigate(deepLinkRoute(link));
  }

  /** Opens a console hash route (a clicked notification); false when it is not one of the navigation shapes. */
  navigate(route: string): boolean {
    if (!isNavigationRoute(route)) return false;
    this.pending = route;
    this.deps.focus();
    this.flush();
    return true;
  }

  /** The route waiting for a window to load, if any. */
  get pendingRoute(): string | null {
    return this.pending;
  }

  private flush(): void {
    const route = this.pending;
    const win = this.deps.window();
    if (!route || !win || win.isDestroyed() || !this.loaded.has(win.webContents)) return;
    win.webContents.send(NAVIGATE_CHANNEL, route);
    this.pending = null;
  }
}

/**
 * Claims flowdeck:// with the OS. Packaged builds only: a development run would register the bare Electron
 * binary as the handler. (The installers also declare it: Info.plist on macOS, the .desktop MimeType on Linux,
 * the registry on Windows, all from `protocols` in electron-builder.yml.)
 */
export function registerProtocolClient(isPackaged: boolean): boolean {
  if (!isPackaged) return false;
  return app.setAsDefaultProtocolClient(PROTOCOL_SCHEME);
}
