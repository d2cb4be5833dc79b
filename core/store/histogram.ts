/**
 * Sparse log-bucket histogram of durations (ms). Bucket i >= 1 covers [R^(i-1), R^i); bucket 0 holds 0 ms.
 * With R = 1.15 a quantile read from bucket midpoints is within ~7 % of the exact value.
 * Encoded as a BLOB of (uint16 bucket, uint32 count) pairs, sorted by bucket, so merges are cheap.
 */
const R = 1.15;
const LOG_R = Math.log(R);
const PAIR = 6;

export type Histogram = Map<number, number>;

export function bucketOf(ms: number): number {
  if (ms < 1) return 0;
  return 1 + Math.floor(Math.log(ms) / LOG_R);
}

/** Geometric midpoint of a bucket: the value a quantile in that bucket reports. */
export function bucketValue(bucket: number): number {
  if (bucket === 0) return 0;
  return Math.round(Math.pow(R, bucket - 0.5));
}

export function addToHistogram(h: Histogram, ms: number, count = 1): void {
  const b = bucketOf(ms);
  h.set(b, (h.get(b) ?? 0) + count);
}

export function encodeHistogram(h: Histogram): Buffer {
  const keys = [...h.keys()].filter((k) => (h.get(k) ?? 0) > 0).sort((a, b) => a - b);
  const buf = Buffer.allocUnsafe(keys.length * PAIR);
  keys.forEach((k, i) => {
    buf.writeUInt16LE(k, i * PAIR);
    buf.writeUInt32LE(h.get(k)!, i * PAIR + 2);
  });
  return buf;
}

export function decodeHistogram(buf: Uint8Array | null | undefined, into: Histogram = new Map()): Histogram {
  if (!buf) return into;
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let off = 0; off + PAIR <= b.length; off += PAIR) {
    const k = b.readUInt16LE(off);
    into.set(k, (into.get(k) ?? 0) + b.readUInt32LE(off + 2));
  }
  return into;
}

/** Merges two encoded histograms (the SQL function `hist_merge`). */
export function mergeEncoded(a: Uint8Array | null, b: Uint8Array | null): Buffer | null {
  if (!a || a.byteLength === 0) return b ? Buffer.from(b) : null;
  if (!b || b.byteLength === 0) return Buffer.from(a);
  return encodeHistogram(decodeHistogram(b, decodeHistogram(a)));
}

/** The q-quantile (0..1) of a histogram, or null when empty. */
export function quantile(h: Histogram, q: number): number | null {
  let total = 0;
  for (const c of h.values()) total += c;
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const k of [...h.keys()].sort((a, b) => a - b)) {
    seen += h.get(k)!;
    if (seen >= rank) return bucketValue(k);
  }
  return null;
}
