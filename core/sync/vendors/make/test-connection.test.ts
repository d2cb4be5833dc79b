import { describe, expect, it } from 'vitest';
import { HttpFailure, type HttpFailureKind } from '../../../platform/http/types.ts';
import { githubVerdict } from '../github/test-connection.ts';
import { makeVerdict } from './test-connection.ts';

// Every failure kind the HTTP client can throw becomes a specific "Test connection" verdict (both vendors).
const CASES: [HttpFailureKind, number | null, string][] = [
  ['auth', 401, 'credentials_rejected'], ['auth', 403, 'credentials_rejected'], ['unreachable', null, 'unreachable'],
  ['circuit_open', null, 'unreachable'], ['tls', null, 'tls_error'], ['timeout', null, 'timeout'], ['rate_limited', 429, 'rate_limited'],
  ['bad_response', 200, 'wrong_server'], ['not_found', 404, 'wrong_server'], ['server', 500, 'error'], ['client', 400, 'error'],
];

describe('connection verdicts', () => {
  it.each(CASES)('%s (%s) → %s', (kind, status, reason) => {
    const failure = new HttpFailure(kind, `The certificate of host could not be verified (${kind}).`, { status, retryAt: Date.UTC(2026, 10, 25, 13, 5) });
    for (const verdict of [makeVerdict(failure, 'https://eu1.make.com'), githubVerdict(failure, 'https://api.github.com')]) {
      expect(verdict).toMatchObject({ ok: false, reason });
      expect(verdict.message.length).toBeGreaterThan(20);
    }
  });

  it('names what to check', () => {
    expect(makeVerdict(new HttpFailure('auth', 'x', { status: 403 }), 'https://eu1.make.com').message).toMatch(/scenarios:read/);
    expect(makeVerdict(new HttpFailure('not_found', 'x'), 'https://eu1.make.com').message).toMatch(/eu1\.make\.com does not answer like a Make zone/);
    expect(githubVerdict(new HttpFailure('auth', 'x', { status: 403 }), 'https://api.github.com').message).toMatch(/Actions: read/);
    expect(githubVerdict(new HttpFailure('rate_limited', 'x', { retryAt: Date.UTC(2026, 10, 25, 13, 5) }), 'https://api.github.com').message).toMatch(/until 13:05 UTC/);
    expect(makeVerdict(new Error('boom'), 'https://eu1.make.com')).toMatchObject({ reason: 'error', message: expect.stringMatching(/boom/) });
  });
});
