/**
 * Which redirects the HTTP client follows: only to the same origin (scheme, host and port), so a vendor's
 * credentials never reach another server and https never drops to http. fetch's own `redirect: 'follow'` keeps
 * custom headers such as `X-N8N-API-KEY` across origins, so the client follows redirects itself.
 */
export const MAX_REDIRECTS = 5;

export type RedirectDecision = { ok: true; url: string } | { ok: false; reason: string };

export function redirectDecision(from: URL, location: string | null): RedirectDecision {
  if (!location) return { ok: false, reason: `${from.host} answered with a redirect that names no address.` };
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    return { ok: false, reason: `${from.host} redirected to an address that cannot be read.` };
  }
  if (from.protocol === 'https:' && to.protocol !== 'https:') {
    return { ok: false, reason: `${from.host} redirected from a secure (https) address to an insecure one (${to.protocol}//${to.host}); Flowdeck does not follow it, so your credentials are not sent unprotected.` };
  }
  if (to.origin !== from.origin) {
    return { ok: false, reason: `${from.host} redirected to another address (${to.host}); Flowdeck does not follow it, so your credentials are not sent there. If that address is right, use it in the connector's settings.` };
  }
  return { ok: true, url: to.href };
}

/**
 * A vendor's redirect to a signed download URL on another host (GitHub's job logs answer 302 to a storage host): it
 * may leave the origin, but only once, never from https to http, and the caller sends no header of the original
 * request there.
 */
export function signedDownloadDecision(from: URL, location: string | null): RedirectDecision {
  if (!location) return { ok: false, reason: `${from.host} answered with a redirect that names no address.` };
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    return { ok: false, reason: `${from.host} redirected to an address that cannot be read.` };
  }
  if (to.protocol !== 'https:' && !(to.protocol === 'http:' && from.protocol === 'http:')) {
    return { ok: false, reason: `${from.host} redirected the download to an insecure address (${to.protocol}//${to.host}); Flowdeck does not follow it.` };
  }
  return { ok: true, url: to.href };
}
