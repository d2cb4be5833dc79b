import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { decodeStaticPath, mimeTypeFor, SECURITY_HEADERS } from '../../core/contract/static-policy.ts';
import { APP_HOST, APP_SCHEME } from './app-origin.ts';

// The CSP, security headers, MIME types and path rules are the ones serve mode uses: one module, core/contract.
export { CONTENT_SECURITY_POLICY, mimeTypeFor } from '../../core/contract/static-policy.ts';

/**
 * Maps the path part of an app:// URL to a file inside `root`, or null when it is anything but a plain
 * relative path inside root: dot segments (raw or encoded), backslashes, NUL, drive letters, empty
 * segments, absolute paths after decoding, or a result outside root.
 */
export function resolveAppPath(root: string, urlPath: string): string | null {
  const decoded = decodeStaticPath(urlPath);
  if (decoded === null) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  const segments = relative.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
  if (path.isAbsolute(relative)) return null;
  const resolved = path.resolve(root, ...segments);
  return isInside(root, resolved) ? resolved : null;
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

export function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    ...SECURITY_HEADERS,
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}

/** Reads `file` only if it is a regular file whose real path (symlinks resolved) is still inside root. */
async function readInside(realRoot: string, file: string): Promise<Uint8Array<ArrayBuffer> | null> {
  try {
    const real = await realpath(file);
    if (!isInside(realRoot, real) || !(await stat(real)).isFile()) return null;
    return await readFile(real);
  } catch {
    return null;
  }
}

/** The app:// handler: GET/HEAD of files under `rootDir`, 404 for anything else, CSP on every response. */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  const root = path.resolve(rootDir);
  let realRoot: Promise<string> | null = null;
  return async (request) => {
    const prefix = `${APP_SCHEME}://${APP_HOST}/`;
    if (!request.url.startsWith(prefix)) return plain(404, 'Not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    // Check the raw path (before URL normalisation could hide a traversal attempt), then the parsed one.
    const rawPath = '/' + (request.url.slice(prefix.length).split(/[?#]/)[0] ?? '');
    const parsed = new URL(request.url);
    if (parsed.host !== APP_HOST) return plain(404, 'Not found');
    if (!resolveAppPath(root, rawPath)) return plain(404, 'Not found');
    const file = resolveAppPath(root, parsed.pathname);
    if (!file) return plain(404, 'Not found');
    realRoot ??= realpath(root).catch(() => root);
    const body = await readInside(await realRoot, file);
    if (!body) return plain(404, 'Not found');
    const headers = securityHeaders(mimeTypeFor(file));
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}

/** Must run before `app` is ready: app:// behaves like https (standard, secure origin, fetch allowed). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** After `app` is ready: serve the built renderer directory on app://flowdeck/. */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
}
