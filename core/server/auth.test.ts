import { describe, expect, it } from 'vitest';
import { Authenticator, type TokenStore } from './auth.ts';
import { generateLaunchToken, generateNamedToken, hashToken, tokenMatchesHash, tokenNameProblem } from './tokens.ts';

function memoryTokens(): TokenStore & { rows: Map<string, string>; touched: string[] } {
  const rows = new Map<string, string>();
  const touched: string[] = [];
  return {
    rows, touched,
    active: () => [...rows].map(([name, tokenHash]) => ({ name, tokenHash, role: 'viewer' as const })),
    touch: (name) => { touched.push(name); },
  };
}

function setup() {
  const tokens = memoryTokens();
  let now = 1_000_000;
  const launch = generateLaunchToken();
  const auth = new Authenticator({ launchToken: launch, launchActor: 'owner', tokens, now: () => now, maxSessions: 3 });
  return { tokens, auth, launch, advance: (ms: number) => { now += ms; } };
}

describe('tokens', () => {
  it('are 32 random bytes in base64url, named ones prefixed', () => {
    expect(generateLaunchToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generateNamedToken()).toMatch(/^fdt_[A-Za-z0-9_-]{43}$/);
    expect(generateLaunchToken()).not.toBe(generateLaunchToken());
  });

  it('match only their own hash', () => {
    const t = generateNamedToken();
    expect(tokenMatchesHash(t, hashToken(t))).toBe(true);
    expect(tokenMatchesHash(`${t}x`, hashToken(t))).toBe(false);
    expect(tokenMatchesHash('', hashToken(''))).toBe(false);
    expect(tokenMatchesHash(t, 'not-hex')).toBe(false);
  });

  it('names are short and plain', () => {
    expect(tokenNameProblem('alice')).toBeNull();
    expect(tokenNameProblem('ops-bot@acme.example')).toBeNull();
    expect(tokenNameProblem('')).toContain('not a usable token name');
    expect(tokenNameProblem('-flag')).not.toBeNull();
    expect(tokenNameProblem('a'.repeat(65))).not.toBeNull();
  });
});

describe('Authenticator', () => {
  it('accepts the launch token as the OS user and named tokens under their name', () => {
    const { auth, launch, tokens } = setup();
    const named = generateNamedToken();
    tokens.rows.set('alice', hashToken(named));
    expect(auth.verifyToken(launch)).toMatchObject({ actor: 'owner', tokenName: null });
    expect(auth.verifyToken(named)).toMatchObject({ actor: 'alice', tokenName: 'alice' });
    expect(auth.verifyToken('guess')).toBeNull();
    expect(tokens.touched).toEqual(['alice']);
  });

  it('records use of a named token at most once a minute', () => {
    const { auth, tokens, advance } = setup();
    const named = generateNamedToken();
    tokens.rows.set('alice', hashToken(named));
    auth.verifyToken(named);
    auth.verifyToken(named);
    advance(61_000);
    auth.verifyToken(named);
    expect(tokens.touched).toEqual(['alice', 'alice']);
  });

  it('ends sessions when their token is revoked or replaced', () => {
    const { auth, tokens, launch } = setup();
    const named = generateNamedToken();
    tokens.rows.set('alice', hashToken(named));
    const aliceSession = auth.openSession(auth.verifyToken(named)!);
    const ownerSession = auth.openSession(auth.verifyToken(launch)!);
    expect(auth.session(aliceSession)?.actor).toBe('alice');
    tokens.rows.set('alice', hashToken(generateNamedToken()));
    expect(auth.session(aliceSession)).toBeNull();
    tokens.rows.delete('alice');
    expect(auth.session(ownerSession)?.actor).toBe('owner');
    expect(auth.session('forged')).toBeNull();
  });

  it('drops revoked sessions in a sweep and caps how many it keeps', () => {
    const { auth, tokens, launch } = setup();
    const named = generateNamedToken();
    tokens.rows.set('alice', hashToken(named));
    auth.openSession(auth.verifyToken(named)!);
    const owner = auth.openSession(auth.verifyToken(launch)!);
    tokens.rows.delete('alice');
    auth.dropInvalidSessions();
    expect(auth.sessionCount).toBe(1);
    auth.openSession(auth.verifyToken(launch)!);
    auth.openSession(auth.verifyToken(launch)!);
    auth.openSession(auth.verifyToken(launch)!);
    expect(auth.sessionCount).toBe(3);
    expect(auth.session(owner)).toBeNull();
  });
});
