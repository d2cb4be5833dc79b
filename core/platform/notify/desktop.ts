import type { NotificationMessage, Notifier } from './types.ts';

/**
 * Notifications shown on this computer. The core cannot draw them itself: it hands them to `raise`,
 * which serve mode turns into a `notifications/raised` event (the browser shows it with the Notification API)
 * and the desktop shell can replace with Electron's `Notification`.
 */
export function desktopNotifier(raise: (m: NotificationMessage) => void): Notifier {
  return { send: async (m) => raise(m) };
}
