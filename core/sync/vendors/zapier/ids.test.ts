import { describe, expect, it } from 'vitest';
import { zapKey, zapKeyer } from './ids.ts';

describe('Zap ids to one key (docs/vendors.md Z4, Z5)', () => {
  it('reads the documented UUID shape, integers and numeric text as the integer', () => {
    expect(zapKey('00000000-0000-c000-8000-000000012345')).toEqual({ key: '12345', shape: 'uuid' });
    expect(zapKey('00000000-0000-C000-8000-000187654301')).toEqual({ key: '187654301', shape: 'uuid' });
    expect(zapKey(12345)).toEqual({ key: '12345', shape: 'integer' });
    expect(zapKey('012345')).toEqual({ key: '12345', shape: 'integer' });
    expect(zapKey(' 0 ')).toEqual({ key: '0', shape: 'integer' });
  });

  it('keeps any other shape as it is (lower-cased): a random UUID is not read as a number', () => {
    expect(zapKey('F47AC10B-58CC-4372-A567-0E02B2C3D479')).toEqual({ key: 'f47ac10b-58cc-4372-a567-0e02b2c3d479', shape: 'unknown' });
    expect(zapKey('12a5f0b6-1111-4222-8333-123456789012')).toMatchObject({ shape: 'unknown' });
    expect(zapKey('00000000-0000-c000-8000-00000001234a')).toMatchObject({ shape: 'unknown' });
    expect(zapKey(-3)).toMatchObject({ shape: 'unknown' });
    expect(zapKey(1.5)).toMatchObject({ shape: 'unknown' });
  });

  it('reports the first unknown shape only', () => {
    const seen: unknown[] = [];
    const key = zapKeyer((raw) => seen.push(raw));
    expect(['abc', 12, 'DEF', '00000000-0000-c000-8000-000000000007'].map(key)).toEqual(['abc', '12', 'def', '7']);
    expect(seen).toEqual(['abc']);
  });
});
