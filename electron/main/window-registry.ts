import type { BrowserWindow, WebContents } from 'electron';

/** The windows this app created; IPC is accepted only from their web contents. */
export class WindowRegistry {
  private readonly windows = new Set<BrowserWindow>();

  add(win: BrowserWindow): void {
    this.windows.add(win);
    win.once('closed', () => this.windows.delete(win));
  }

  /** True when `contents` belongs to one of our live windows. */
  owns(contents: WebContents): boolean {
    for (const win of this.windows) {
      if (!win.isDestroyed() && win.webContents.id === contents.id) return true;
    }
    return false;
  }

  /** The first live window (the one a second instance focuses). */
  primary(): BrowserWindow | undefined {
    for (const win of this.windows) if (!win.isDestroyed()) return win;
    return undefined;
  }

  /** Every live window. */
  all(): BrowserWindow[] {
    return [...this.windows].filter((win) => !win.isDestroyed());
  }

  get size(): number {
    return this.windows.size;
  }
}
