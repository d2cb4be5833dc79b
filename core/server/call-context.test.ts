import { describe, expect, it } from 'vitest';
import type { Principal } from './auth.ts';
import { callContextOf, sessionVia } from './call-context.ts';

describe('callContextOf', () => {
  it('names a named token by its name, as a token, with the way in and the address', () => {
    const wall: Principal = { kind: 'token', actor: 'wall-screen', tokenName: 'wall-screen', tokenHash: 'h', role: 'viewer', userId: null, login: null };
    expect(callContextOf(wall, { via: 'api', address: '192.0.2.4' })).toEqual({
      actor: 'wall-screen', role: 'viewer', actorId: 'token:wall-screen', actorKind: 'token', via: 'api', address: '192.0.2.4',
    });
  });

  it('takes the launch token for the owner who started serve (a person), in a browser', () => {
    const launch: Principal = { kind: 'launch', actor: 'ann', tokenName: null, tokenHash: 'h', role: 'owner', userId: null, login: null };
    expect(callContextOf(launch, { via: 'browser', address: '127.0.0.1' })).toEqual({
      actor: 'ann', role: 'owner', actorId: 'launch', actorKind: 'user', via: 'browser', address: '127.0.0.1',
    });
  });

  it('names a person signed in by their user id, with their display name to read', () => {
    const alice: Principal = { kind: 'user', userId: 3, login: 'alice', actor: 'Alice', tokenName: null, tokenHash: 'session', role: 'operator' };
    expect(callContextOf(alice, { via: 'browser', address: null })).toEqual({
      actor: 'Alice', role: 'operator', actorId: 'user:3', actorKind: 'user', via: 'browser', address: null,
    });
  });

  it('takes a session cookie for a browser, unless the attached desktop app says it is one', () => {
    expect(sessionVia({})).toBe('browser');
    expect(sessionVia({ 'x-flowdeck-client': 'desktop' })).toBe('desktop');
    expect(sessionVia({ 'x-flowdeck-client': 'something else' })).toBe('browser');
  });
});
