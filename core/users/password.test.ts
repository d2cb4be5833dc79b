import { describe, expect, it } from 'vitest';
import { hashPassword, PRODUCTION_HASHING, verifyPassword } from './password.ts';

describe('password hashing', () => {
  it('uses argon2id at OWASP’s baseline by default (19 MiB, 2 passes, 1 lane), with a fresh salt each time', async () => {
    expect(PRODUCTION_HASHING).toEqual({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await hashPassword('correct horse battery staple')).not.toBe(stored);
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse battery stable')).toBe(false);
  });

  it('never matches a malformed stored hash', async () => {
    expect(await verifyPassword('not a hash', 'anything at all')).toBe(false);
    expect(await verifyPassword('', '')).toBe(false);
  });
});
