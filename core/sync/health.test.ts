import { describe, expect, it } from 'vitest';
import { HttpFailure } from '../platform/http/types.ts';
import { SecretStoreUnavailable } from '../platform/secrets/types.ts';
import { classifyFailure, MissingCredential } from './health.ts';

const ctx = { kind: 'n8n' as const, baseUrl: 'https://n8n.example.test', failures: 1, hadCursor: false, retryInMs: 120_000 };

describe('failure classification', () => {
  it('credentials rejected → needs attention, with what to do', () => {
    expect(classifyFailure(new HttpFailure('auth', 'HTTP 401', { status: 401 }), ctx)).toEqual({
      health: 'needs_attention', resetCursor: false,
      message: 'n8n rejected the API key (401). Create a new API key in n8n → Settings → n8n API and paste it in Connectors.',
    });
    expect(classifyFailure(new HttpFailure('auth', 'HTTP 403', { status: 403 }), { ...ctx, kind: 'github' }).message)
      .toMatch(/^GitHub refused access \(403\): the token lacks a permission/);
    expect(classifyFailure(new MissingCredential('x'), ctx).health).toBe('needs_attention');
    const phrased = 'n8n rejected the API key (401): it expired on 3 Dec 2026. Create a new key in n8n → Settings → n8n API and paste it in Connectors.';
    expect(classifyFailure(new HttpFailure('auth', phrased, { status: 401 }), ctx).message).toBe(phrased);
  });

  it('transient trouble → degraded with the retry time', () => {
    for (const kind of ['server', 'timeout', 'unreachable', 'rate_limited', 'circuit_open'] as const) {
      const v = classifyFailure(new HttpFailure(kind, kind, { status: kind === 'server' ? 502 : null }), { ...ctx, failures: 9 });
      expect(v.health).toBe('degraded');
      expect(v.message).toMatch(/Retrying in 2 min\.$/);
    }
    expect(classifyFailure(new HttpFailure('unreachable', 'ECONNREFUSED'), ctx).message).toBe('Flowdeck could not reach n8n.example.test. Retrying in 2 min.');
    expect(classifyFailure(new SecretStoreUnavailable('locked'), ctx).health).toBe('degraded');
  });

  it('an answer that is not the API, a missing API or a bad certificate needs attention once it persists', () => {
    for (const kind of ['bad_response', 'not_found', 'tls'] as const) {
      expect(classifyFailure(new HttpFailure(kind, 'x'), { ...ctx, failures: 2 }).health).toBe('degraded');
      expect(classifyFailure(new HttpFailure(kind, 'x'), { ...ctx, failures: 3 }).health).toBe('needs_attention');
    }
  });

  it('a refused cursor is repaired by starting over; a refused request without one needs attention the second time', () => {
    const refused = new HttpFailure('client', 'HTTP 400', { status: 400, body: { message: 'An invalid cursor was provided' } });
    expect(classifyFailure(refused, { ...ctx, hadCursor: true })).toMatchObject({ health: 'degraded', resetCursor: true });
    expect(classifyFailure(refused, ctx)).toMatchObject({ health: 'degraded', resetCursor: false });
    expect(classifyFailure(refused, { ...ctx, failures: 2 })).toMatchObject({ health: 'needs_attention', resetCursor: false });
  });
});
