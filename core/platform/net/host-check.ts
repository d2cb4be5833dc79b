import { isIP } from 'node:net';

/** True for addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/** `host:port` as it appears in a URL (IPv6 in brackets). */
export function hostPort(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Where people open the console: a wildcard bind is reached through loopback on this machine. */
export function publicHost(bindHost: string): string {
  if (bindHost === '0.0.0.0') return '127.0.0.1';
  if (bindHost === '::') return '::1';
  return bindHost;
}

/**
 * Host headers a loopback-bound server answers to. Checking them defeats DNS rebinding (a foreign name that
 * resolves to 127.0.0.1); a server opened to the network with --allow-remote accepts any name it is reached by.
 */
export function allowedHosts(bindHost: string, port: number): Set<string> | null {
  if (!isLoopbackHost(bindHost)) return null;
  return new Set([hostPort('127.0.0.1', port), hostPort('localhost', port), hostPort('::1', port), hostPort(bindHost, port)]);
}

export function hostAllowed(hostHeader: string | undefined, allowed: Set<string> | null): boolean {
  if (!hostHeader) return false;
  return allowed === null || allowed.has(hostHeader.toLowerCase());
}

/** A browser's WebSocket Origin must be this server's own origin (the one the page was loaded from, over `scheme`). */
export function originAllowed(origin: string | undefined, hostHeader: string | undefined, scheme: 'http' | 'https' = 'http'): boolean {
  return origin !== undefined && hostHeader !== undefined && origin.toLowerCase() === `${scheme}://${hostHeader.toLowerCase()}`;
}
