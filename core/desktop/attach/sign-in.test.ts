import { describe, expect, it } from 'vitest';
import { parseServerAddress } from './server-address.ts';
import { sessionFromSetCookie, signIn, type FetchLike } from './sign-in.ts';

const address = parseServerAddress('https://team.example')!;
const answer = (status: number, body: unknown, headers: Record<string, string> = {}): FetchLike => async () =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

describe('sign-in to a team server', () => {
  it('finds the session cookie among Set-Cookie headers', () => {
    expect(sessionFromSetCookie(['other=1; Path=/', 'flowdeck_session_443=s3cr3t-Value_1; HttpOnly; Secure'])).toEqual({ cookieName: 'flowdeck_session_443', secret: 's3cr3t-Value_1' });
    expect(sessionFromSetCookie(['flowdeck_session_443=; Max-Age=0'])).toBeNull();
    expect(sessionFromSetCookie([])).toBeNull();
  });

  it('says why in plain words: refused, too many tries, not a Flowdeck server, unreachable', async () => {
    expect(await signIn(address, 'ann', 'x', answer(401, { error: 'Wrong login or password.' }))).toEqual({ ok: false, reason: 'refused', message: 'Wrong login or password.' });
    expect(await signIn(address, 'ann', 'x', answer(401, 'nope'))).toEqual({ ok: false, reason: 'refused', message: 'That login and password were not accepted.' });
    expect(await signIn(address, 'ann', 'x', answer(429, 'busy', { 'Retry-After': '42' }))).toEqual({ ok: false, reason: 'limited', message: 'Too many failed sign-ins. Try again in 42 s.' });
    expect(await signIn(address, 'ann', 'x', answer(404, 'not found'))).toEqual({
      ok: false, reason: 'error', message: 'The team server at team.example did not sign this desktop in (HTTP 404). Is this the address of a Flowdeck server?',
    });
    expect(await signIn(address, 'ann', 'x', answer(200, { login: 'ann' }))).toEqual({ ok: false, reason: 'error', message: 'The team server at team.example answered, but not as a Flowdeck server does.' });
    expect(await signIn(address, 'ann', 'x', () => Promise.reject(new TypeError('fetch failed')))).toEqual({
      ok: false, reason: 'unreachable', message: "Can't reach the team server at team.example. Check the address and that the server is running.",
    });
  });

  it('keeps who signed in and the session, sending the login and password once as JSON', async () => {
    let sent: { url: string; body?: string } | null = null;
    const fetchFn: FetchLike = async (url, init) => {
      sent = { url, body: init.body };
      return new Response(JSON.stringify({ login: 'ann', displayName: 'Ann Lee', role: 'operator' }), {
        status: 200, headers: { 'Set-Cookie': 'flowdeck_session_443=abc123; HttpOnly; SameSite=Strict; Path=/; Secure' },
      });
    };
    expect(await signIn(address, 'Ann', 'pw', fetchFn)).toEqual({
      ok: true, session: { login: 'ann', displayName: 'Ann Lee', role: 'operator', cookieName: 'flowdeck_session_443', secret: 'abc123' },
    });
    expect(sent).toEqual({ url: 'https://team.example/api/sign-in', body: JSON.stringify({ login: 'Ann', password: 'pw' }) });
  });
});
