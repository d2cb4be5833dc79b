import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { decodeStaticPath, mimeTypeFor } from '../contract/static-policy.ts';
import { SECURITY_HEADERS, sendText } from './http-basics.ts';

export const NOT_BUILT_MESSAGE =
  'The Flowdeck console is not built yet. Run `npm run bundle` (or start it with `npm run serve`, which builds it).\n';

/**
 * Maps a raw request path (still percent-encoded, query removed) to a file under `root`, or null when it
 * does not decode cleanly or would leave `root` (`..`, `%2e%2e`, encoded slashes, NUL, backslashes).
 */
export function resolveStaticPath(root: string, rawPath: string): string | null {
  const decoded = decodeStaticPath(rawPath);
  if (decoded === null) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, `.${decoded}`);
  if (file !== base && !file.startsWith(base + path.sep)) return null;
  return file;
}

async function fileStats(file: string): Promise<Stats | null> {
  try {
    const s = await stat(file);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

function sendFile(res: ServerResponse, file: string, stats: Stats, cacheControl: string): void {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': mimeTypeFor(file),
    'Content-Length': stats.size,
    'Cache-Control': cacheControl,
  });
  if (res.req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/**
 * Serves the built renderer: `/` is index.html, unknown extension-less paths fall back to index.html
 * (client-side routes), anything else missing or outside the root is 404.
 */
export async function serveStatic(res: ServerResponse, root: string, rawPath: string): Promise<void> {
  const file = resolveStaticPath(root, rawPath);
  if (file === null) return sendText(res, 404, 'Not found.\n');
  const index = path.join(path.resolve(root), 'index.html');
  const wantsIndex = rawPath === '/' || (path.extname(file) === '' && !(await fileStats(file)));
  const target = wantsIndex ? index : file;
  const stats = await fileStats(target);
  if (!stats) return wantsIndex ? sendText(res, 503, NOT_BUILT_MESSAGE) : sendText(res, 404, 'Not found.\n');
  // Vite fingerprints everything under assets/; the page itself must always be revalidated.
  const immutable = !wantsIndex && rawPath.startsWith('/assets/');
  sendFile(res, target, stats, immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
}
