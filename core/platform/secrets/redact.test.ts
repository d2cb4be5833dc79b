import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED } from './redact.ts';

describe('redactor', () => {
  it('removes known secret values wherever they appear, longest first', () => {
    const r = createRedactor(['s3cr3t-value', 's3cr3t-value-longer']);
    expect(r.string('a s3cr3t-value-longer b s3cr3t-value c')).toBe(`a ${REDACTED} b ${REDACTED} c`);
  });

  it('escapes regex characters in secrets and ignores very short ones', () => {
    const r = createRedactor(['a+b*c(d)$', 'ab']);
    expect(r.string('x a+b*c(d)$ y ab')).toBe(`x ${REDACTED} y ab`);
  });

  it('adds and forgets secrets', () => {
    const r = createRedactor();
    r.addSecret('later-secret');
    expect(r.string('later-secret')).toBe(REDACTED);
    r.forgetSecret('later-secret');
    expect(r.string('later-secret')).toBe('later-secret');
  });

  it('removes common secret shapes without knowing them', () => {
    const r = createRedactor();
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    expect(r.string(`key ${jwt} end`)).toBe(`key ${REDACTED} end`);
    expect(r.string('Authorization: Bearer abcdefghijkl123')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(r.string('Token 1234abcd-5678-efgh')).toBe(`Token ${REDACTED}`);
    expect(r.string('use ghp_0123456789abcdefghijABCDEFGHIJ012345 now')).toBe(`use ${REDACTED} now`);
    expect(r.string('https://alice:hunter22@example.com/x')).toBe(`https://${REDACTED}@example.com/x`);
    expect(r.string('/hook?token=abc123&page=2&api_key=zzz')).toBe(`/hook?token=${REDACTED}&page=2&api_key=${REDACTED}`);
    expect(r.string('{"x-n8n-api-key": "n8nkeyvalue"}')).toBe(`{"x-n8n-api-key": "${REDACTED}"}`);
  });

  it('leaves ordinary text alone', () => {
    const r = createRedactor();
    const text = 'Workflow "Invoice sync" failed at node HTTP Request: 502 Bad Gateway (page=3, limit=100)';
    expect(r.string(text)).toBe(text);
  });

  it('redacts objects deeply: secret-looking keys lose their value, strings are scrubbed, input is untouched', () => {
    const r = createRedactor(['known-secret-1']);
    const input = {
      headers: { Authorization: 'whatever', 'X-N8N-API-KEY': 'k', accept: 'application/json', cookie: 'sid=1' },
      nested: [{ password: 'p', note: 'has known-secret-1 inside' }],
      refresh_token: 'rt',
      count: 3,
      empty: null,
    };
    expect(r.value(input)).toEqual({
      headers: { Authorization: REDACTED, 'X-N8N-API-KEY': REDACTED, accept: 'application/json', cookie: REDACTED },
      nested: [{ password: REDACTED, note: `has ${REDACTED} inside` }],
      refresh_token: REDACTED,
      count: 3,
      empty: null,
    });
    expect(input.headers.Authorization).toBe('whatever');
  });

  it('handles errors and cycles', () => {
    const r = createRedactor(['in-error-secret']);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    expect(r.value(cyclic)).toEqual({ a: 1, self: '[circular]' });
    expect(r.value({ e: new Error('failed with in-error-secret') })).toEqual({ e: { name: 'Error', message: `failed with ${REDACTED}` } });
  });
});
