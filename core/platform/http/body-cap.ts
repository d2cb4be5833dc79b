import { HttpFailure } from './types.ts';
import type { Classified } from './classify.ts';

/**
 * Reads a response body as text while counting bytes, and stops at a cap: a vendor (or any URL a token holder
 * gives `connectors/test-connector`) cannot make the core hold a huge answer in memory.
 */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round(n / (1024 * 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024 * 10) / 10} KB`;
  return `${n} bytes`;
}

export function tooLargeFailure(host: string, maxBytes: number): Classified {
  return {
    failure: new HttpFailure('bad_response', `${host} sent more than ${formatBytes(maxBytes)} in one answer, so Flowdeck stopped reading it. This is far more than a normal answer — check that the address points to the right service.`),
    retryable: false, breakerFailure: true, notSent: false,
  };
}

export type CappedBody = { ok: true; text: string } | { ok: false; tooLarge: true };

/** Streams and counts; cancels the stream as soon as the cap is passed (also when Content-Length says so up front). */
export async function readCapped(res: Response, maxBytes: number): Promise<CappedBody> {
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    return { ok: false, tooLarge: true };
  }
  if (!res.body) return { ok: true, text: '' };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, tooLarge: true };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks, total).toString('utf8') };
}
