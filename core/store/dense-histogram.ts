import { bucketValue } from './histogram.ts';

/**
 * A histogram as a flat array indexed by bucket (see histogram.ts), for merging thousands of rollup BLOBs quickly:
 * no Map, no Buffer copies, one pass over each BLOB's (uint16 bucket, uint32 count) pairs.
 */
export const DENSE_SIZE = 1 << 16;
const PAIR = 6;

export interface DenseHistogram {
  counts: Float64Array;
  /** Highest bucket seen + 1, so scans stop early. */
  top: number;
}

export function denseHistogram(): DenseHistogram {
  return { counts: new Float64Array(256), top: 0 };
}

export function addEncoded(h: DenseHistogram, buf: Uint8Array | null | undefined): void {
  if (buf) addEncodedRange(h, buf, 0, buf.byteLength);
}

/** Adds the (bucket, count) pairs in `buf[start..end)` (a packed period holds many rows' pairs in one buffer). */
export function addEncodedRange(h: DenseHistogram, buf: Uint8Array, start: number, end: number): void {
  const n = end - ((end - start) % PAIR);
  for (let off = start; off < n; off += PAIR) {
    const bucket = buf[off]! | (buf[off + 1]! << 8);
    const count = (buf[off + 2]! | (buf[off + 3]! << 8) | (buf[off + 4]! << 16)) + buf[off + 5]! * 0x1000000;
    if (bucket >= h.counts.length) {
      const grown = new Float64Array(Math.min(DENSE_SIZE, Math.max(bucket + 1, h.counts.length * 2)));
      grown.set(h.counts);
      h.counts = grown;
    }
    h.counts[bucket]! += count;
    if (bucket >= h.top) h.top = bucket + 1;
  }
}

/** Empties a histogram for reuse (a scratch histogram merges one workflow after another without allocating). */
export function resetDense(h: DenseHistogram): void {
  h.counts.fill(0, 0, h.top);
  h.top = 0;
}

/** How many values the histogram holds. */
export function denseCount(h: DenseHistogram): number {
  let total = 0;
  for (let i = 0; i < h.top; i++) total += h.counts[i]!;
  return total;
}

/** The q-quantile, read exactly as histogram.ts `quantile` reads a Map histogram; null when empty. */
export function denseQuantile(h: DenseHistogram, q: number): number | null {
  let total = 0;
  for (let i = 0; i < h.top; i++) total += h.counts[i]!;
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < h.top; i++) {
    seen += h.counts[i]!;
    if (h.counts[i]! > 0 && seen >= rank) return bucketValue(i);
  }
  return null;
}

/**
 * Merges two encoded histograms (sorted (uint16 bucket, uint32 count) pairs) in one linear pass, without decoding to
 * Maps: the same bytes as histogram.ts `mergeEncoded`, cheaper on the ingest path (SQL function `hist_merge_sorted`).
 */
export function mergeSortedPairs(a: Uint8Array | null, b: Uint8Array | null): Buffer | null {
  if (!a || a.byteLength === 0) return b ? Buffer.from(b) : null;
  if (!b || b.byteLength === 0) return Buffer.from(a);
  const out = Buffer.allocUnsafe(a.byteLength + b.byteLength);
  const key = (buf: Uint8Array, off: number) => buf[off]! | (buf[off + 1]! << 8);
  const count = (buf: Uint8Array, off: number) => (buf[off + 2]! | (buf[off + 3]! << 8) | (buf[off + 4]! << 16)) + buf[off + 5]! * 0x1000000;
  let i = 0;
  let j = 0;
  let o = 0;
  const put = (k: number, c: number) => {
    if (c <= 0) return;
    out.writeUInt16LE(k, o);
    out.writeUInt32LE(c, o + 2);
    o += PAIR;
  };
  const na = a.byteLength - (a.byteLength % PAIR);
  const nb = b.byteLength - (b.byteLength % PAIR);
  while (i < na || j < nb) {
    const ka = i < na ? key(a, i) : Infinity;
    const kb = j < nb ? key(b, j) : Infinity;
    if (ka === kb) {
      put(ka, count(a, i) + count(b, j));
      i += PAIR;
      j += PAIR;
    } else if (ka < kb) {
      put(ka, count(a, i));
      i += PAIR;
    } else {
      put(kb, count(b, j));
      j += PAIR;
    }
  }
  return out.subarray(0, o);
}
