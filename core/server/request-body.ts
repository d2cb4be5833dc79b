import type { IncomingMessage } from 'node:http';

/** Sign-in forms and JSON are tiny: anything longer is refused unread. */
export const MAX_FORM_BYTES = 8 * 1024;

/** The request body as text, or null when it is longer than `maxBytes` (the rest is not read). */
export async function readSmallBody(req: IncomingMessage, maxBytes = MAX_FORM_BYTES): Promise<string | null> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBytes) return null;
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The named string fields of a form-encoded or JSON body (anything else is left out). */
export function fieldsOf(body: string, contentType: string | undefined): Record<string, string> | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(body));
  if (type === 'application/json') {
    try {
      const parsed: unknown = JSON.parse(body);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
      return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
    } catch {
      return null;
    }
  }
  return null;
}
