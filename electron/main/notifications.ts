import { Notification } from 'electron';
import { isNavigationRoute } from '../shared/navigation.ts';

export interface CoreNotification {
  title: string;
  body: string;
  /** The console route to open on click, or null (just bring the window up). */
  route: string | null;
}

export interface DesktopNotificationsDeps {
  /** Opens a validated hash route in the console (the deep-link router: focus, wait for load, send it). */
  navigate(route: string): void;
  /** Brings the console window back (restore, show, focus), or opens it. */
  showWindow(): void;
}

/** Shown notifications are kept referenced until clicked or closed, or their click handler may be collected. */
const MAX_KEPT = 20;

/**
 * Native desktop notifications for what the core raises. Clicking one opens its incident or run. A route that is
 * not exactly one of the console's navigation shapes is refused (nothing shown), whatever the core sent.
 */
export class DesktopNotifications {
  private readonly deps: DesktopNotificationsDeps;
  private readonly kept = new Set<Notification>();

  constructor(deps: DesktopNotificationsDeps) {
    this.deps = deps;
  }

  /** Shows one; returns false when it is refused or the OS has no notifications. */
  show(message: CoreNotification): boolean {
    const { route } = message;
    if (route !== null && !isNavigationRoute(route)) {
      console.warn(`[flowdeck] refused a notification with route ${JSON.stringify(String(route).slice(0, 80))}`);
      return false;
    }
    if (!Notification.isSupported()) return false;
    const n = new Notification({ title: message.title, body: message.body });
    const forget = () => this.kept.delete(n);
    n.on('click', () => {
      forget();
      if (route === null) this.deps.showWindow();
      else this.deps.navigate(route);
    });
    n.on('close', forget);
    this.kept.add(n);
    if (this.kept.size > MAX_KEPT) this.kept.delete(this.kept.values().next().value as Notification);
    n.show();
    return true;
  }
}
