import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from '../contract/static-policy.ts';

/** The console's CSP and security headers: one policy with the desktop app's app:// protocol (core/contract). */
export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../contract/static-policy.ts';

export const NEEDS_TOKEN_MESSAGE =
  'Flowdeck needs the link with its access token — see the terminal where `flowdeck serve` runs.\n';

export function sendText(res: ServerResponse, status: number, body: string, headers: OutgoingHttpHeaders = {}): void {
  const buf = Buffer.from(body, 'utf8');
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': buf.length,
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : buf);
}

/** Cookie names are not port-scoped, so two servers on one host each get their own. */
export function sessionCookieName(port: number): string {
  return `flowdeck_session_${port}`;
}

export function readCookie(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** `secure`: served over TLS, so the browser sends the cookie over HTTPS only. */
export function sessionCookie(name: string, secret: string, secure = false): string {
  return `${name}=${secret}; HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;
}

export function clearedCookie(name: string, secure = false): string {
  return `${name}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0${secure ? '; Secure' : ''}`;
}

/** Sent on every answer over TLS: browsers then refuse plain HTTP to this host for a year. */
export const HSTS = { 'Strict-Transport-Security': 'max-age=31536000' } as const;

/** The bearer token of an `Authorization: Bearer <t>` header, if any. */
export function bearerToken(req: IncomingMessage): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return m ? m[1]! : null;
}
