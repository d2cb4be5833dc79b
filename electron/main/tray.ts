import { app, Menu, nativeTheme, Tray, type MenuItemConstructorOptions } from 'electron';
import type { DesktopShellMessage, TrayState } from '../../core/contract/desktop.ts';
import type { TrayStatus, TrayTheme } from './paths.ts';

export interface FlowdeckTrayDeps {
  /** The icon file for a state and theme (paths.ts `trayIconPath`). */
  iconPath(status: TrayStatus, theme: TrayTheme): string;
  /** Brings the console back (restore, show, focus), or opens it. */
  openWindow(): void;
  /** Sends a tray command to the core; false when the core is not running. */
  post(message: DesktopShellMessage): boolean;
  quit(): void;
  /** Formats the end of a pause for the menu (default: local HH:MM). */
  formatTime?(epochMs: number): string;
}

/** Before the core has reported anything. */
export const INITIAL_TRAY_STATE: TrayState = { health: 'ok', openIncidents: 0, needsAttention: 0, summary: 'Flowdeck', pausedUntil: null };
export const PAUSE_MINUTES = 60;

const localTime = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/**
 * The tray icon: mirrors health (ok / warning / failing, in the OS theme's ink), tooltip = the core's summary,
 * badge = open incidents (macOS dock, Linux launchers that support it), and a menu to open the console, pause
 * every notification channel for an hour (or resume), and quit. The core decides the state; this only draws it.
 */
export class FlowdeckTray {
  private readonly deps: FlowdeckTrayDeps;
  private tray: Tray | null = null;
  private state: TrayState = INITIAL_TRAY_STATE;
  private readonly onTheme = () => this.render();

  constructor(deps: FlowdeckTrayDeps) {
    this.deps = deps;
  }

  /** Creates the icon (once) and returns it, for the close-to-tray slot. */
  create(): Tray {
    if (this.tray && !this.tray.isDestroyed()) return this.tray;
    this.tray = new Tray(this.icon());
    this.tray.on('click', () => this.deps.openWindow());
    nativeTheme.on('updated', this.onTheme);
    this.render();
    return this.tray;
  }

  /** A new state from the core. */
  update(state: TrayState): void {
    // The badge counts what the Overview's "Needs you" lists: workflows, not incidents.
    const badgeChanged = state.needsAttention !== this.state.needsAttention;
    this.state = state;
    this.render();
    // Windows has no app badge (returns false); the tooltip carries the count there.
    if (badgeChanged) app.setBadgeCount(state.needsAttention);
  }

  get current(): TrayState {
    return this.state;
  }

  destroy(): void {
    nativeTheme.removeListener('updated', this.onTheme);
    this.tray?.destroy();
    this.tray = null;
  }

  private icon(): string {
    return this.deps.iconPath(this.state.health, nativeTheme.shouldUseDarkColors ? 'dark' : 'light');
  }

  private render(): void {
    const tray = this.tray;
    if (!tray || tray.isDestroyed()) return;
    tray.setImage(this.icon());
    tray.setToolTip(this.state.summary);
    tray.setContextMenu(Menu.buildFromTemplate(this.menu()));
  }

  private menu(): MenuItemConstructorOptions[] {
    const { pausedUntil, openIncidents, needsAttention } = this.state;
    const format = this.deps.formatTime ?? localTime;
    const pause: MenuItemConstructorOptions = pausedUntil === null
      ? { label: 'Pause notifications for 1 hour', click: () => void this.deps.post({ type: 'pause-notifications', minutes: PAUSE_MINUTES }) }
      : { label: `Resume notifications (paused until ${format(pausedUntil)})`, click: () => void this.deps.post({ type: 'resume-notifications' }) };
    return [
      { label: 'Open Flowdeck', click: () => this.deps.openWindow() },
      { label: needsAttention === 0 ? 'All automations are fine' : `${needsAttention} need${needsAttention === 1 ? 's' : ''} you`, enabled: false },
      { label: openIncidents === 1 ? '1 open incident' : `${openIncidents} open incidents`, enabled: false },
      { type: 'separator' },
      pause,
      { type: 'separator' },
      { label: 'Quit Flowdeck', click: () => this.deps.quit() },
    ];
  }
}
