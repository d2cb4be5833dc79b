/** A team server's address as the person typed it, checked and reduced to its origin. */
export interface ServerAddress {
  /** e.g. https://flowdeck.example.com or http://127.0.0.1:7070 */
  origin: string;
  /** What plain messages name: the host (and port), e.g. flowdeck.example.com */
  label: string;
}

/** Reads a server URL (http or https, no credentials); null when it is not one. Path and query are dropped. */
export function parseServerAddress(raw: string): ServerAddress | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || !url.hostname) return null;
  return { origin: url.origin, label: url.host };
}

/** The WebSocket address of the contract on that server. */
export const socketUrl = (address: ServerAddress): string => `${address.origin.replace(/^http/, 'ws')}/ws`;
