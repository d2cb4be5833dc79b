/**
 * The one policy for serving the built console, shared by serve mode (core/server) and the desktop shell's app://
 * protocol (electron/main/app-protocol.ts), which may import only core/contract: the Content-Security-Policy, the
 * security headers every answer carries, the MIME types, and which request paths may name a file at all.
 * Plain data and string checks (no Node imports), so both runtimes can use it.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
  "connect-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

/** Sent with every answer, including refusals. No CORS headers, ever: the console is same-origin only. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
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
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return (dot > 0 ? MIME_TYPES[name.slice(dot).toLowerCase()] : undefined) ?? 'application/octet-stream';
}

/** A `.` or `..` segment, plain or percent-encoded, delimited by slashes (also encoded or backslashes). */
const DOT_SEGMENT = /(?:^|\/|\\|%2f|%5c)(?:\.|%2e){1,2}(?:$|\/|\\|%2f|%5c|\?|#)/i;

/**
 * The decoded path a request may ask for (still starting with '/'), or null when it could leave the served folder:
 * dot segments (raw or encoded), bad %-encoding, NUL, backslashes, drive letters or empty segments. The caller
 * still resolves it under its root and checks the result stays inside.
 */
export function decodeStaticPath(rawPath: string): string | null {
  if (DOT_SEGMENT.test(rawPath)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || /[\0\\:]/.test(decoded)) return null;
  if (decoded !== '/' && decoded.slice(1).split('/').some((s) => s === '' || s === '.' || s === '..')) return null;
  return decoded;
}
