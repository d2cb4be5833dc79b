import { describe, expect, it } from 'vitest';
import { isRateLimited, parseRateLimitReset, parseRetryAfter, readRateHint } from './hints.ts';

const NOW = Date.UTC(2026, 2, 1, 12, 0, 0);

describe('rate hints', () => {
  it('Retry-After in seconds or as an HTTP date', () => {
    expect(parseRetryAfter('120', NOW)).toBe(NOW + 120_000);
    expect(parseRetryAfter('1.5', NOW)).toBe(NOW + 1500);
    expect(parseRetryAfter(new Date(NOW + 30_000).toUTCString(), NOW)).toBe(NOW + 30_000);
    expect(parseRetryAfter(new Date(NOW - 30_000).toUTCString(), NOW)).toBe(NOW);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter(undefined, NOW)).toBeNull();
  });

  it('X-RateLimit-Reset as epoch seconds (GitHub, Zapier) or seconds from now', () => {
    expect(parseRateLimitReset(String(NOW / 1000 + 60), NOW)).toBe(NOW + 60_000);
    expect(parseRateLimitReset('30', NOW)).toBe(NOW + 30_000);
    expect(parseRateLimitReset('x', NOW)).toBeNull();
  });

  it('GitHub primary limit: 403 + remaining 0 + reset is a rate limit', () => {
    const hint = readRateHint(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 100) }, { message: 'API rate limit exceeded' }, NOW);
    expect(hint).toEqual({ retryAt: NOW + 100_000, exhausted: true });
    expect(isRateLimited(403, hint)).toBe(true);
  });

  it('GitHub secondary limit without retry-after waits a minute; with retry-after uses it', () => {
    expect(readRateHint(403, {}, { message: 'You have exceeded a secondary rate limit.' }, NOW)).toEqual({ retryAt: NOW + 60_000, exhausted: true });
    expect(readRateHint(403, { 'retry-after': '5' }, { message: 'You have exceeded a secondary rate limit.' }, NOW).retryAt).toBe(NOW + 5000);
  });

  it('Make organisation limit message (no headers) waits a minute', () => {
    expect(readRateHint(429, {}, { message: 'Requests limit for organization exceeded, please try again later.' }, NOW).retryAt).toBe(NOW + 60_000);
  });

  it('a plain 403 is not a rate limit; remaining above 0 is not exhausted', () => {
    const hint = readRateHint(403, { 'x-ratelimit-remaining': '12' }, { message: 'Must have admin rights' }, NOW);
    expect(hint).toEqual({ retryAt: null, exhausted: false });
    expect(isRateLimited(403, hint)).toBe(false);
    expect(isRateLimited(429, hint)).toBe(true);
  });
});
