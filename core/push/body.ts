import type { IncomingMessage } from 'node:http';

export type BodyResult =
  | { ok: true; bytes: Buffer; truncated: boolean; size: number }
  | { ok: false; size: number };

/**
 * Reads a request body keeping at most `keepBytes`. With `refuseOver`, a body larger than that is refused (not kept);
 * without it, the rest is read and dropped (truncated). Beyond `drainMax` the socket is closed instead of drained.
 */
export function readBody(req: IncomingMessage, options: { keepBytes: number; refuseOver?: number; drainMax: number }): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let size = 0;
    let settled = false;
    const finish = (result: BodyResult) => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.drainMax) {
        req.pause();
        finish({ ok: false, size });
        return;
      }
      if (kept < options.keepBytes) {
        const part = chunk.subarray(0, options.keepBytes - kept);
        chunks.push(part);
        kept += part.length;
      }
    });
    req.on('end', () => {
      if (options.refuseOver !== undefined && size > options.refuseOver) return finish({ ok: false, size });
      finish({ ok: true, bytes: Buffer.concat(chunks), truncated: size > kept, size });
    });
    req.on('error', (error) => {
      if (!settled) {
        settled = true;
        reject(error);
      }
    });
  });
}

/** The body as text when it looks like UTF-8 (Healthchecks stores only such bodies), else null. */
export function bodyText(bytes: Buffer): string | null {
  if (bytes.length === 0) return null;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  // A cut in the middle of a multi-byte character leaves one replacement char at the end; more means binary.
  const bad = (text.match(/\uFFFD/g) ?? []).length;
  return bad > 1 || (bad === 1 && !text.endsWith('\uFFFD')) ? null : text.replace(/\uFFFD$/, '');
}
