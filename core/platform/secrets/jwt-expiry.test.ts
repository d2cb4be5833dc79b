import { describe, expect, it } from 'vitest';
import { expiryWarning, formatDay, readJwtExpiry } from './jwt-expiry.ts';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const jwt = (payload: unknown) => `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}.c2lnbmF0dXJl`;
const DAY = 86_400_000;
const EXP = Date.UTC(2026, 11, 3, 12, 0, 0); // 3 Dec 2026

describe('jwt expiry', () => {
  it('reads exp from an n8n-style JWT without verifying it', () => {
    expect(readJwtExpiry(jwt({ sub: 'user', iss: 'n8n', aud: 'public-api', exp: EXP / 1000 }))).toBe(EXP);
  });

  it('returns null for non-JWTs, missing or non-numeric exp, and garbage', () => {
    expect(readJwtExpiry('n8n_api_1234567890abcdef')).toBeNull();
    expect(readJwtExpiry(jwt({ sub: 'x' }))).toBeNull();
    expect(readJwtExpiry(jwt({ exp: '1790000000' }))).toBeNull();
    expect(readJwtExpiry('a.!!!notbase64json!!!.c')).toBeNull();
    expect(readJwtExpiry('')).toBeNull();
  });

  it('warns within N days with the plain n8n message', () => {
    const w = expiryWarning(jwt({ exp: EXP / 1000 }), EXP - 10 * DAY, 14);
    expect(w).toEqual({
      expiresAt: EXP,
      expired: false,
      daysLeft: 10,
      message: 'This n8n API key expires on 3 Dec 2026 — create a new key in n8n Settings → n8n API before then.',
    });
  });

  it('does not warn when the expiry is further off, or unknown', () => {
    expect(expiryWarning(jwt({ exp: EXP / 1000 }), EXP - 15 * DAY, 14)).toBeNull();
    expect(expiryWarning(jwt({ sub: 'no exp' }), EXP, 14)).toBeNull();
  });

  it('says when a key has already expired', () => {
    const w = expiryWarning(jwt({ exp: EXP / 1000 }), EXP + DAY, 14);
    expect(w).toMatchObject({ expired: true, daysLeft: 0 });
    expect(w?.message).toBe('This n8n API key expired on 3 Dec 2026 — create a new key in n8n Settings → n8n API and update the connector.');
  });

  it('formats days in UTC', () => {
    expect(formatDay(Date.UTC(2027, 0, 9, 23, 59))).toBe('9 Jan 2027');
  });
});
