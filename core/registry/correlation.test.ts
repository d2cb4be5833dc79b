import { describe, expect, it } from 'vitest';
import { correlate } from './correlation.ts';

const H = 3_600_000;
const T = Date.UTC(2026, 10, 20, 10);
/** Hourly runs from `from` to `to` (exclusive), failing when `fail(at)`. */
const runs = (from: number, to: number, fail: (at: number) => boolean) => {
  const out = [];
  for (let at = from; at < to; at += 10 * 60_000) out.push({ at, failed: fail(at) });
  return out;
};
const versions = [{ id: 1, number: 1, createdAt: T - 48 * H }, { id: 2, number: 2, createdAt: T }];

describe('change ↔ failure correlation', () => {
  it('says how many minutes after a version failures began', () => {
    const r = runs(T - 30 * H, T + 10 * H, (at) => at >= T + 25 * 60_000);
    expect(correlate(versions, r)).toEqual([expect.objectContaining({
      versionId: 2, versionNumber: 2, minutes: 30, message: 'Failures began 30 minutes after version 2 (92 % failed after it, 0 % before).',
    })]);
  });

  it('stays quiet when the failure rate did not rise or the spike started outside the window', () => {
    expect(correlate(versions, runs(T - 30 * H, T + 10 * H, (at) => Math.floor(at / 60_000) % 3 === 0))).toEqual([]);
    expect(correlate(versions, runs(T - 30 * H, T + 10 * H, (at) => at >= T + 7 * H))).toEqual([]);
  });
});
