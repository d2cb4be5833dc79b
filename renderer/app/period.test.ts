import { describe, expect, it } from 'vitest';
import { resolveRange } from '../lib/range.ts';
import { periodFromRange, rangeFromPeriod, sameRange } from './period.ts';
import { formatRoute, parseRoute } from './routes.ts';

describe('a range picker in the address', () => {
  it('leaves the page’s default out and names any other range', () => {
    expect(periodFromRange({ range: '30d', customFrom: '', customTo: '' }, '30d')).toEqual({ range: null, from: null, to: null });
    expect(formatRoute({ page: 'sla', period: periodFromRange({ range: '90d', customFrom: '', customTo: '' }, '30d') })).toBe('#/sla?range=90d');
    expect(rangeFromPeriod({ range: null, from: null, to: null }, '7d')).toEqual({ range: '7d', customFrom: '', customTo: '' });
  });

  it('a custom range survives a copied address and still covers the same [from, to)', () => {
    const picked = { range: 'custom' as const, customFrom: '2026-02-01T09:30', customTo: '2026-02-03T18:00' };
    const hash = formatRoute({ page: 'errors', period: periodFromRange(picked, '7d'), q: '' });
    const route = parseRoute(hash);
    if (route.page !== 'errors') throw new Error(hash);
    const back = rangeFromPeriod(route.period, '7d');
    expect(sameRange(back, picked)).toBe(true);
    expect(resolveRange(back, 0)).toEqual(resolveRange(picked, 0));
  });

  it('tells ranges apart', () => {
    expect(sameRange({ range: '7d', customFrom: 'a', customTo: '' }, { range: '7d', customFrom: 'b', customTo: '' })).toBe(true);
    expect(sameRange({ range: 'custom', customFrom: 'a', customTo: '' }, { range: 'custom', customFrom: 'b', customTo: '' })).toBe(false);
    expect(sameRange({ range: '7d', customFrom: '', customTo: '' }, { range: '30d', customFrom: '', customTo: '' })).toBe(false);
  });
});
