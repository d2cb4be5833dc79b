import { describe, expect, it } from 'vitest';
import { DEMO_NOW_ENV, demoNowFrom, DemoNowError } from './demo-now.ts';

const at = (value: string | undefined) => demoNowFrom({ [DEMO_NOW_ENV]: value });

describe('FLOWDECK_DEMO_NOW', () => {
  it('is unset or empty: the demo runs on the wall clock', () => {
    expect(demoNowFrom({})).toBeNull();
    expect(at('')).toBeNull();
    expect(at('  ')).toBeNull();
  });

  it('reads an ISO 8601 instant in UTC or with an offset, to the second or the millisecond', () => {
    expect(at('2026-03-11T10:30:00Z')).toBe(Date.UTC(2026, 2, 11, 10, 30));
    expect(at('2026-03-11T10:30Z')).toBe(Date.UTC(2026, 2, 11, 10, 30));
    expect(at('2026-03-29T01:30:00.250Z')).toBe(Date.UTC(2026, 2, 29, 1, 30, 0, 250));
    expect(at('2026-03-11T12:30:00+02:00')).toBe(Date.UTC(2026, 2, 11, 10, 30));
    expect(at('2026-12-31T19:30:00-05:00')).toBe(Date.UTC(2027, 0, 1, 0, 30));
  });

  it.each(['yesterday', '2026-03-11', '2026-03-11T10:30:00', '2026-02-30T10:00:00Z', '2026-03-11T24:30:00Z', '1741689000000'])(
    'refuses %j with a message that shows the expected form', (value) => {
      expect(() => at(value)).toThrow(DemoNowError);
      expect(() => at(value)).toThrow(`${DEMO_NOW_ENV} must be a date and time with a zone, such as 2026-03-11T10:30:00Z, not '${value}'.`);
    });
});
