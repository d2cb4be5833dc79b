import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-origin.ts';

/** Sent with every app:// response. No 'unsafe-inline', no 'unsafe-eval', nothing remote. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** A `.` or `..` segment, plain or percent-encoded, delimited by slashes (also encoded or backslashes). */
const DOT_SEGMENT = /(?:^|\/|\\|%2f|%5c)(?:\.|%2e){1,2}(?:$|\/|\\|%2f|%5c|\?|#)/i;

/**
 * Maps the path part of an app:// URL to a file inside `root`, or null when it is anything but a plain
 * relative path inside root: dot segments (raw or encoded), backslashes, NUL, drive letters, empty
 * segments, absolute paths after decoding, or a result outside root.
 */
export function resolveAppPath(root: string, urlPath: string): string | null {
  if (DOT_SEGMENT.test(urlPath)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || /[\0\\:]/.test(decoded)) return null;
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
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
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
