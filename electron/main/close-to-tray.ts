import type { BrowserWindow, Tray } from 'electron';

/**
 * Where the tray (another module creates it) registers itself, so the shell can ask whether one exists.
 * A destroyed tray counts as none.
 */
export class TraySlot {
  private tray: Tray | null = null;

  set(tray: Tray | null): void {
    this.tray = tray;
  }

  get present(): boolean {
    return this.tray !== null && !this.tray.isDestroyed();
  }
}

export interface CloseToTrayOptions {
  /** The "close to tray" setting. */
  enabled(): boolean;
  /** Whether a tray icon exists to bring the window back from. */
  hasTray(): boolean;
  /** True once the app is quitting: then the window really closes. */
  isQuitting(): boolean;
}

/**
 * Closing the window hides it instead, when the setting is on and a tray exists, unless the app is quitting.
 * Without a tray the window always closes: a hidden window with no way back would look like a crash.
 */
export function installCloseToTray(win: BrowserWindow, options: CloseToTrayOptions): void {
  win.on('close', (event) => {
    if (options.isQuitting() || !options.enabled() || !options.hasTray()) return;
    event.preventDefault();
    win.hide();
  });
}
