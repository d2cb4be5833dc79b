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

/**
 * Streams `res` chunk by chunk into `take`; false (the stream cancelled) as soon as it passes `maxBytes`, also when
 * Content-Length says so up front. The one reading loop of both capped reads below.
 */
async function streamWithin(res: Response, maxBytes: number, take: (chunk: Uint8Array) => void): Promise<boolean> {
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    return false;
  }
  if (!res.body) return true;
  const reader = res.body.getReader();
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return true;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return false;
    }
    take(value);
  }
}

/** Streams and counts; cancels the stream as soon as the cap is passed (also when Content-Length says so up front). */
export async function readCapped(res: Response, maxBytes: number): Promise<CappedBody> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const within = await streamWithin(res, maxBytes, (chunk) => {
    chunks.push(chunk);
    total += chunk.byteLength;
  });
  return within ? { ok: true, text: Buffer.concat(chunks, total).toString('utf8') } : { ok: false, tooLarge: true };
}

/** Bytes a tail read goes through at most (a GitHub job log can be large; only its end is kept). */
export const DEFAULT_MAX_TAIL_READ_BYTES = 64 * 1024 * 1024;

export type TailBody = { ok: true; text: string; cut: boolean } | { ok: false; tooLarge: true };

/**
 * Streams a text answer and keeps only its last `keep` bytes: memory stays bounded whatever the size, and reading stops
 * at `maxBytes`. When the start was cut, the first (partial) line is dropped so every kept line is whole.
 */
export async function readTail(res: Response, keep: number, maxBytes: number): Promise<TailBody> {
  let chunks: Uint8Array[] = [];
  let held = 0;
  let total = 0;
  const within = await streamWithin(res, maxBytes, (chunk) => {
    total += chunk.byteLength;
    chunks.push(chunk);
    held += chunk.byteLength;
    if (held > keep * 2) {
      const joined = Buffer.concat(chunks, held);
      chunks = [joined.subarray(held - keep)];
      held = keep;
    }
  });
  if (!within) return { ok: false, tooLarge: true };
  let buffer = Buffer.concat(chunks, held);
  let cut = total > buffer.byteLength;
  if (buffer.byteLength > keep) {
    buffer = buffer.subarray(buffer.byteLength - keep);
    cut = true;
  }
  let text = buffer.toString('utf8');
  if (cut) {
    const newline = text.indexOf('\n');
    text = newline < 0 ? '' : text.slice(newline + 1);
  }
  return { ok: true, text, cut };
}
