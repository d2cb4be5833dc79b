import type { Ledger } from '../store/ledger.ts';

/** The receiver's default port (serve mode uses 7787). `push.port` in settings overrides it. */
export const DEFAULT_PUSH_PORT = 7788;
export const PUSH_PORT_SETTING = 'push.port';
/** `{ "connectorId": "<push connector>" }` turns on auto-creating monitors for `/ping/<new-slug>?create=1`; off by default. */
export const AUTO_CREATE_SETTING = 'push.autoCreate';
/**
 * `true` accepts pings by slug alone (`/ping/<slug>`, guessable) on a loopback receiver; off by default, and never
 * honoured by a receiver that listens beyond this machine.
 */
export const SLUG_ONLY_SETTING = 'push.allowSlugOnly';

/** Where the receiver of each open ledger listens right now (handlers read it to show ping URLs). */
const running = new WeakMap<Ledger, string>();

export function setReceiverUrl(ledger: Ledger, url: string | null): void {
  if (url === null) running.delete(ledger);
  else running.set(ledger, url);
}

export function receiverUrl(ledger: Ledger): { url: string; listening: boolean } {
  const url = running.get(ledger);
  if (url) return { url, listening: true };
  const port = ledger.settings.get<number>(PUSH_PORT_SETTING) ?? DEFAULT_PUSH_PORT;
  return { url: `http://127.0.0.1:${port}`, listening: false };
}
