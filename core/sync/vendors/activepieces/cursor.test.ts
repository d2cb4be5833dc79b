import { describe, expect, it } from 'vitest';
import { initialCursor, MAX_SEEN, mergeSeen, parseCursor, serializeCursor, type ApCursor } from './cursor.ts';

describe('Activepieces cursor', () => {
  it('round-trips and refuses what is not ours (a fresh start replays, never skips)', () => {
    const c: ApCursor = {
      v: 1, since: 1000, seen: [['r2', 2000]], details: ['r1'],
      scan: { top: 5000, before: 3000, edge: ['r3'], fresh: [['r5', 5000]], limit: 10 },
    };
    expect(parseCursor(serializeCursor(c))).toEqual(c);
    expect(parseCursor(serializeCursor(initialCursor(0)))).toEqual(initialCursor(0));
    const bad = ['{', '"x"', 'null', '{"v":2}', JSON.stringify({ ...c, since: -1 }), JSON.stringify({ ...c, seen: [['r', 'x']] }),
      JSON.stringify({ ...c, scan: { ...c.scan, limit: 0 } }), JSON.stringify({ ...c, details: [1] })];
    for (const text of bad) expect(parseCursor(text), text).toBeNull();
  });

  it('merges seen runs: one entry per id, from `since` on, newest first, at most MAX_SEEN', () => {
    expect(mergeSeen([[['a', 10], ['b', 20]], [['b', 20], ['c', 5]]], 8)).toEqual([['b', 20], ['a', 10]]);
    const many = Array.from({ length: MAX_SEEN + 5 }, (_, i): [string, number] => [`r${i}`, i]);
    const kept = mergeSeen([many], 0);
    expect(kept).toHaveLength(MAX_SEEN);
    expect(kept[0]).toEqual([`r${MAX_SEEN + 4}`, MAX_SEEN + 4]);
  });
});
