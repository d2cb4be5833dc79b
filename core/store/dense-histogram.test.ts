import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addEncoded, denseHistogram, denseQuantile, mergeSortedPairs } from './dense-histogram.ts';
import { addToHistogram, decodeHistogram, encodeHistogram, mergeEncoded, quantile, type Histogram } from './histogram.ts';

describe('dense histogram', () => {
  it('merges encoded histograms to the same quantiles as the Map histogram', () => {
    fc.assert(fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 3_600_000 }), { maxLength: 30 }), { maxLength: 8 }), fc.double({ min: 0, max: 1, noNaN: true }), (parts, q) => {
      const dense = denseHistogram();
      const map: Histogram = new Map();
      for (const part of parts) {
        const h: Histogram = new Map();
        for (const ms of part) addToHistogram(h, ms, part.length > 3 ? 70_000 : 1);
        const buf = encodeHistogram(h);
        addEncoded(dense, buf);
        decodeHistogram(buf, map);
      }
      expect(denseQuantile(dense, q)).toBe(quantile(map, q));
    }));
  });
});

describe('mergeSortedPairs', () => {
  it('produces the same bytes as mergeEncoded', () => {
    const hist = fc.array(fc.integer({ min: 0, max: 3_600_000 }), { maxLength: 40 }).map((ms) => {
      const h: Histogram = new Map();
      for (const m of ms) addToHistogram(h, m);
      return ms.length ? encodeHistogram(h) : null;
    });
    fc.assert(fc.property(hist, hist, (a, b) => {
      expect(mergeSortedPairs(a, b)).toEqual(mergeEncoded(a, b));
    }));
  });
});
