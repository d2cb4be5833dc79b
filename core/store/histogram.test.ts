import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addToHistogram, decodeHistogram, encodeHistogram, mergeEncoded, quantile, type Histogram } from './histogram.ts';

function exactQuantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

describe('duration histogram', () => {
  it('round-trips through its encoding and merges like a sum', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 86_400_000 })), fc.array(fc.integer({ min: 0, max: 86_400_000 })), (a, b) => {
      const ha: Histogram = new Map();
      const hb: Histogram = new Map();
      const hab: Histogram = new Map();
      a.forEach((v) => { addToHistogram(ha, v); addToHistogram(hab, v); });
      b.forEach((v) => { addToHistogram(hb, v); addToHistogram(hab, v); });
      expect(decodeHistogram(encodeHistogram(ha))).toEqual(new Map([...ha].filter(([, c]) => c > 0)));
      const merged = decodeHistogram(mergeEncoded(encodeHistogram(ha), encodeHistogram(hb)));
      expect([...merged].sort((x, y) => x[0] - y[0])).toEqual([...hab].sort((x, y) => x[0] - y[0]));
    }));
  });

  it('reads p50 and p95 within 10 % of the exact value', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 5, max: 3_600_000 }), { minLength: 20, maxLength: 400 }), (values) => {
      const h: Histogram = new Map();
      values.forEach((v) => addToHistogram(h, v));
      for (const q of [0.5, 0.95]) {
        const exact = exactQuantile(values, q);
        expect(Math.abs(quantile(h, q)! - exact) / exact).toBeLessThanOrEqual(0.1);
      }
    }));
    expect(quantile(new Map(), 0.5)).toBeNull();
  });
});
