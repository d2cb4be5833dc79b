import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../platform/secrets/memory-store.ts';
import { checkSignature, createSecretKeeper, signBody, signingSecretRef } from './signing.ts';

const body = Buffer.from('{"run":{"id":"1"}}');

describe('webhook signatures', () => {
  it('accepts sha256=<hex HMAC of "<timestamp>.<raw body>"> within 5 minutes, and nothing else', () => {
    const now = 1_772_420_400_000;
    const ts = String(now / 1000);
    const good = `sha256=${createHmac('sha256', 's3cret').update(`${ts}.`).update(body).digest('hex')}`;
    expect(signBody('s3cret', body, ts)).toBe(good);
    expect(checkSignature(good, ts, body, 's3cret', now)).toEqual({ ok: true });
    expect(checkSignature(good.toUpperCase().replace('SHA256', 'sha256'), ts, body, 's3cret', now)).toEqual({ ok: true });
    expect(checkSignature(good, ts, Buffer.from('{"run":{"id":"2"}}'), 's3cret', now)).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkSignature(good, ts, body, 'other', now)).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkSignature(good, String(Number(ts) + 1), body, 's3cret', now)).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkSignature(undefined, ts, body, 's3cret', now)).toEqual({ ok: false, problem: 'missing' });
    expect(checkSignature(good, undefined, body, 's3cret', now)).toEqual({ ok: false, problem: 'timestamp_missing' });
    expect(checkSignature('sha1=abc', ts, body, 's3cret', now)).toEqual({ ok: false, problem: 'malformed' });
    expect(checkSignature(good.slice(0, -2), ts, body, 's3cret', now)).toEqual({ ok: false, problem: 'malformed' });
    expect(checkSignature(good, ts, body, 's3cret', now + 5 * 60_000)).toEqual({ ok: true });
    expect(checkSignature(good, ts, body, 's3cret', now + 5 * 60_000 + 1)).toEqual({ ok: false, problem: 'expired' });
    expect(checkSignature(good, ts, body, 's3cret', now - 5 * 60_000 - 1)).toEqual({ ok: false, problem: 'expired' });
  });

  it('creates a connector\'s secret once, even when asked concurrently, and rotates it', async () => {
    const store = createMemorySecretStore();
    const keeper = createSecretKeeper(store);
    const [a, b] = await Promise.all([keeper.ensure('c1'), keeper.ensure('c1')]);
    expect(a.secret).toBe(b.secret);
    expect([a.created, b.created]).toEqual([true, true]);
    expect((await keeper.ensure('c1'))).toEqual({ secret: a.secret, created: false });
    expect(store.entries().get(signingSecretRef('c1'))).toBe(a.secret);
    const rotated = await keeper.rotate('c1');
    expect(rotated).not.toBe(a.secret);
    expect(await keeper.remove('c1')).toBe(true);
    expect(store.entries().size).toBe(0);
  });
});
