import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import { createTokenSource, type TokenSet } from './oauth.ts';
import { redactString } from './redact.ts';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

const T0 = Date.UTC(2026, 5, 1);

function setup(stored: TokenSet | null) {
  const clock = fixedClock(T0);
  const saved: TokenSet[] = [];
  const pending: { current: TokenSet | null; d: ReturnType<typeof deferred<TokenSet>> }[] = [];
  let loads = 0;
  const source = createTokenSource({
    clock,
    skewMs: 30_000,
    load: async () => { loads += 1; return stored; },
    refresh: (current) => {
      const d = deferred<TokenSet>();
      pending.push({ current, d });
      return d.promise;
    },
    save: async (t) => { saved.push(t); },
  });
  return { clock, saved, pending, source, loads: () => loads };
}

const settle = () => new Promise<void>((resolve) => { setImmediate(resolve); });

describe('createTokenSource', () => {
  it('10 concurrent callers share one refresh and get the same token; it is saved first', async () => {
    const { source, pending, saved, loads } = setup({ accessToken: 'old-access-1', refreshToken: 'r1', expiresAt: T0 - 1 });
    const callers = Array.from({ length: 10 }, () => source.getAccessToken());
    await settle();
    expect(pending).toHaveLength(1);
    expect(pending[0]?.current).toEqual({ accessToken: 'old-access-1', refreshToken: 'r1', expiresAt: T0 - 1 });
    pending[0]?.d.resolve({ accessToken: 'new-access-2', refreshToken: 'r2', expiresAt: T0 + 3_600_000 });
    expect(await Promise.all(callers)).toEqual(Array(10).fill('new-access-2'));
    expect(source.refreshCount()).toBe(1);
    expect(loads()).toBe(1);
    expect(saved).toEqual([{ accessToken: 'new-access-2', refreshToken: 'r2', expiresAt: T0 + 3_600_000 }]);
    // Still valid: no new refresh.
    expect(await source.getAccessToken()).toBe('new-access-2');
    expect(pending).toHaveLength(1);
  });

  it('uses a stored token that is still valid without refreshing', async () => {
    const { source, pending } = setup({ accessToken: 'good-token', expiresAt: T0 + 600_000 });
    expect(await Promise.all([source.getAccessToken(), source.getAccessToken()])).toEqual(['good-token', 'good-token']);
    expect(pending).toHaveLength(0);
  });

  it('refreshes within the skew before expiry', async () => {
    const { source, pending, clock } = setup({ accessToken: 'good-token', expiresAt: T0 + 600_000 });
    await source.getAccessToken();
    clock.set(T0 + 600_000 - 30_000);
    const next = source.getAccessToken();
    await settle();
    expect(pending).toHaveLength(1);
    pending[0]?.d.resolve({ accessToken: 'later-token', expiresAt: T0 + 7_200_000 });
    expect(await next).toBe('later-token');
  });

  it('a failed refresh rejects every waiter, and the next call tries again', async () => {
    const { source, pending, saved } = setup({ accessToken: 'old-access', expiresAt: T0 - 1 });
    const callers = Array.from({ length: 5 }, () => source.getAccessToken());
    await settle();
    pending[0]?.d.reject(new Error('invalid_grant'));
    const results = await Promise.allSettled(callers);
    expect(results.every((r) => r.status === 'rejected' && (r.reason as Error).message === 'invalid_grant')).toBe(true);
    expect(saved).toEqual([]);
    const retry = source.getAccessToken();
    await settle();
    expect(pending).toHaveLength(2);
    pending[1]?.d.resolve({ accessToken: 'recovered', expiresAt: null });
    expect(await retry).toBe('recovered');
  });

  it('invalidate(token) after a 401 refreshes once, and ignores tokens already replaced', async () => {
    const { source, pending } = setup({ accessToken: 'access-A', expiresAt: null });
    expect(await source.getAccessToken()).toBe('access-A');
    source.invalidate('access-A');
    source.invalidate('access-A');
    const next = source.getAccessToken();
    await settle();
    pending[0]?.d.resolve({ accessToken: 'access-B', expiresAt: null });
    expect(await next).toBe('access-B');
    source.invalidate('access-A');
    expect(await source.getAccessToken()).toBe('access-B');
    expect(source.refreshCount()).toBe(1);
  });

  it('registers tokens with the redactor', async () => {
    const { source, pending } = setup(null);
    const p = source.getAccessToken();
    await settle();
    expect(pending[0]?.current).toBeNull();
    pending[0]?.d.resolve({ accessToken: 'zz-access-token-value', refreshToken: 'zz-refresh-token-value', expiresAt: null });
    await p;
    expect(redactString('sent zz-access-token-value and zz-refresh-token-value')).toBe('sent [redacted] and [redacted]');
  });
});
