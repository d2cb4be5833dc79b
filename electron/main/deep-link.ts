/**
 * `flowdeck://` links, as notification actions and other apps send them. Only two shapes are honoured:
 *   flowdeck://incident/<id>   ->  #/incidents/<id>
 *   flowdeck://run/<id>        ->  #/runs?run=<id>
 * where <id> is 1 to 64 of [A-Za-z0-9_-] (so plain digits too), with at most one trailing slash. Everything
 * else is refused: other hosts or schemes, more path segments, dot segments, percent-encoding, a query or
 * fragment, credentials, ports, whitespace or control characters, and anything longer than MAX_DEEP_LINK_LENGTH.
 * The check runs on the raw string (no URL normalisation that could turn a refused link into an accepted one).
 */
export const PROTOCOL_SCHEME = 'flowdeck';
export const MAX_DEEP_LINK_LENGTH = 128;

export type DeepLink = { kind: 'incident'; id: string } | { kind: 'run'; id: string };

const PREFIX = `${PROTOCOL_SCHEME}://`;
const TARGET = /^(incident|run)\/([A-Za-z0-9_-]{1,64})\/?$/;

export function parseDeepLink(value: unknown): DeepLink | null {
  if (typeof value !== 'string' || value.length > MAX_DEEP_LINK_LENGTH) return null;
  // The scheme is case-insensitive (RFC 3986); host and path are not.
  if (value.slice(0, PREFIX.length).toLowerCase() !== PREFIX) return null;
  const match = TARGET.exec(value.slice(PREFIX.length));
  if (!match) return null;
  const [, kind, id] = match;
  if (!id) return null;
  return kind === 'incident' ? { kind: 'incident', id } : { kind: 'run', id };
}

/** The console's hash route for a link (see electron/shared/navigation.ts). */
export function deepLinkRoute(link: DeepLink): string {
  return link.kind === 'run' ? `#/runs?run=${link.id}` : `#/incidents/${link.id}`;
}

/**
 * The `flowdeck:` argument in a command line (Windows and Linux hand the clicked link to the app as an
 * argument, to a second instance as its argv), or null. Only returns candidates; parseDeepLink decides.
 */
export function findDeepLinkArg(argv: readonly string[]): string | null {
  for (const arg of argv) {
    if (typeof arg === 'string' && arg.slice(0, PROTOCOL_SCHEME.length + 1).toLowerCase() === `${PROTOCOL_SCHEME}:`) return arg;
  }
  return null;
}
