import { describe, expect, it } from 'vitest';
import { decodeCursor, dueWatch, encodeCursor, firstCursor, InvalidZapierCursor, nextWindow, type ZapierCursor } from './cursor.ts';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const policy = { overlapMs: 10 * MIN, maxHoldMs: DAY, maxWatched: 3, watchForMs: 30 * DAY };
const base = (over: Partial<ZapierCursor>): ZapierCursor & { to: number } =>
  ({ v: 1, from: 0, to: 100 * MIN, offset: 0, prev: null, hold: null, open: [], watch: [], ...over }) as ZapierCursor & { to: number };

describe('zapier cursor', () => {
  it('round-trips and refuses unknown shapes', () => {
    const c = firstCursor(1_000 * MIN, 30 * MIN);
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(() => decodeCursor('{"v":2}')).toThrow(InvalidZapierCursor);
    expect(() => decodeCursor('not json')).toThrow(InvalidZapierCursor);
    expect(() => decodeCursor(JSON.stringify({ ...c, offset: -1 }))).toThrow(InvalidZapierCursor);
  });

  it('starts the next window an overlap before the end of the last one', () => {
    const next = nextWindow(base({ offset: 40, prev: ['a', 'b'] }), policy, 100 * MIN);
    expect(next).toEqual({ v: 1, from: 90 * MIN, to: null, offset: 0, prev: null, hold: null, open: [], watch: [] });
  });

  it('holds the window back to the oldest unsettled run, but not further than maxHold', () => {
    expect(nextWindow(base({ hold: 30 * MIN, open: [['a', 30 * MIN]] }), policy, 100 * MIN)).toMatchObject({ from: 30 * MIN, watch: [] });
    const long = 3 * DAY;
    const next = nextWindow(base({ to: long, hold: MIN, open: [['old', MIN], ['recent', long - MIN]] }), policy, long);
    expect(next.from).toBe(long - DAY);
    // The run beyond the hold is watched from now on; the recent one is read again by the next window anyway.
    expect(next.watch).toEqual([['old', MIN, long]]);
  });

  it('never moves a window start backwards', () => {
    expect(nextWindow(base({ from: 95 * MIN }), policy, 100 * MIN).from).toBe(95 * MIN);
  });

  it('bounds the watch list and drops runs older than Zapier keeps', () => {
    const now = 40 * DAY;
    const watch: [string, number, number][] = [['ancient', 5 * DAY, 0], ['w1', 20 * DAY, 0], ['w2', 21 * DAY, 0], ['w3', 22 * DAY, 0], ['w4', 23 * DAY, 0]];
    const next = nextWindow(base({ from: now - DAY, to: now, watch }), policy, now);
    expect(next.watch.map((w) => w[0])).toEqual(['w2', 'w3', 'w4']);
  });

  it('picks the watched run checked longest ago, once per interval', () => {
    const c = base({ watch: [['a', 1, 50 * MIN], ['b', 2, 20 * MIN], ['c', 3, 90 * MIN]] });
    expect(dueWatch(c, 100 * MIN, 15 * MIN)?.[0]).toBe('b');
    expect(dueWatch(c, 30 * MIN, 15 * MIN)).toBeNull();
  });
});
