import { getBridge } from './bridge-types.ts';

/** Only web links leave the app: a vendor deep link that is not http(s) is not shown as a link. */
export function safeExternalUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * In Electron, hands the URL to the OS browser through the bridge and returns true (the caller cancels
 * the click). In a browser returns false and the link's own target=_blank does the work.
 */
export function openExternalViaBridge(url: string): boolean {
  const bridge = getBridge();
  if (!bridge) return false;
  // The shell refuses what it does not allow (e.g. plain http); the link then simply does nothing.
  bridge.openExternal(url).catch(() => {});
  return true;
}
