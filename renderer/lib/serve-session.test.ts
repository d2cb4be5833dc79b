import { describe, expect, it } from 'vitest';
import { sendToSignInIfSignedOut, signOut, type SessionDeps } from './serve-session.ts';

function deps(answer: { type: ResponseType; status: number } | Error) {
  const calls: { url: string; init: RequestInit }[] = [];
  const went: string[] = [];
  const d: SessionDeps = {
    fetch: async (url, init) => {
      calls.push({ url, init });
      if (answer instanceof Error) throw answer;
      return answer;
    },
    go: (path) => went.push(path),
  };
  return { d, calls, went };
}

describe('the browser session with a served Flowdeck', () => {
  it('goes to the sign-in page when the server redirects the console there (signed out, disabled, new password)', async () => {
    const { d, calls, went } = deps({ type: 'opaqueredirect', status: 0 });
    expect(await sendToSignInIfSignedOut(d)).toBe(true);
    expect(calls[0]).toMatchObject({ url: '/', init: { redirect: 'manual', cache: 'no-store' } });
    expect(went).toEqual(['/sign-in']);
  });

  it('stays (and keeps retrying) while the console still loads, when no one can sign in yet, or when the server is down', async () => {
    for (const answer of [{ type: 'basic' as const, status: 200 }, { type: 'basic' as const, status: 401 }, new TypeError('Failed to fetch')]) {
      const { d, went } = deps(answer);
      expect(await sendToSignInIfSignedOut(d)).toBe(false);
      expect(went).toEqual([]);
    }
  });

  it('signs out on the server, then opens the sign-in page, even when the server cannot be reached', async () => {
    const ok = deps({ type: 'basic', status: 204 });
    await signOut(ok.d);
    expect(ok.calls[0]).toMatchObject({ url: '/api/sign-out', init: { method: 'POST' } });
    expect(ok.went).toEqual(['/sign-in']);
    const down = deps(new TypeError('Failed to fetch'));
    await signOut(down.d);
    expect(down.went).toEqual(['/sign-in']);
  });
});
