// People sign in to serve mode by login and password (issue #15): the first run creates the owner from the launch
// link's browser; sessions of people survive a restart; failed sign-ins are audited and, past the limit, refused per
// address while another address still signs in. Real sockets on loopback, real SQLite, real argon2 (cheap costs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../core/app.ts';
import { CoreClient } from '../../core/contract/client.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import type { RunningServer } from '../../core/server/server.ts';
import { DEFAULT_SIGN_IN_LIMITS } from '../../core/server/sign-in-limiter.ts';
import { cookieOf, httpRequest, signInJson } from './helpers/http.ts';
import { makeRendererFixture, openSocket, socketDuplex } from './helpers/ws.ts';
import { restartableServer } from './helpers/restartable-server.ts';

const T0 = Date.UTC(2026, 2, 11, 11);
const OWNER_CTX = { actor: 'test' };

let root: string;
let rendererDir: string;
let dataDir: string;

const { start, stop } = restartableServer(() => ({ dataDir, rendererDir, clock: fixedClock(T0), launchActor: 'os-user' }));

/** Who a session cookie is over the WebSocket (a browser sends Origin). */
async function whoIs(server: RunningServer, cookie: string): Promise<{ actor: string; role: string | undefined }> {
  const client = new CoreClient({ timeoutMs: 5_000 });
  client.attach(socketDuplex(await openSocket(server.origin, { cookie, origin: server.origin })));
  const status = await client.call('system/get-status', {});
  client.close();
  return { actor: status.actor, role: status.role };
}

async function addUser(core: Core, login: string, role: 'viewer' | 'operator' | 'admin' | 'owner', displayName: string) {
  const r = await core.dispatcher.dispatch('users/add-user', { login, role, displayName, password: 'correct horse battery' }, OWNER_CTX);
  expect(r.ok).toBe(true);
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

beforeEach(() => {
  const fixture = makeRendererFixture();
  root = fixture.root;
  rendererDir = fixture.rendererDir;
  dataDir = mkdtempSync(path.join(tmpdir(), 'flowdeck-sign-in-'));
});

afterEach(async () => {
  await stop();
  rmSync(root, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('first run', () => {
  it('sends the launch link’s browser to create the owner, then signs it in as that owner', async () => {
    const { core, server } = await start();
    const link = await httpRequest(server.url);
    expect([link.status, link.headers.location]).toEqual([303, '/first-run']);
    const launch = cookieOf(link);
    // "Not now" opens the console; the page comes back with the link while nobody can sign in.
    expect((await httpRequest(`${server.origin}/`, { headers: { Cookie: launch } })).status).toBe(200);
    const page = await httpRequest(`${server.origin}/first-run`, { headers: { Cookie: launch } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Create the owner and sign in');
    expect(page.body).not.toMatch(/<script|style=/);
    expect(page.headers['content-security-policy']).toContain("form-action 'self'");

    const post = (fields: Record<string, string>, origin = server.origin) => httpRequest(`${server.origin}/first-run`, {
      method: 'POST', body: form(fields), headers: { Cookie: launch, Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    const mismatch = await post({ login: 'alice', name: 'Alice', password: 'correct horse battery', again: 'correct horse batterY' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toContain('The two passwords are not the same.');
    expect((await post({ login: 'alice', password: 'correct horse battery', again: 'correct horse battery' }, 'http://evil.example')).status).toBe(403);
    expect(core.ledger.users.count()).toBe(0);

    const made = await post({ login: 'alice', name: 'Alice Martin', password: 'correct horse battery', again: 'correct horse battery' });
    expect(made.status).toBe(303);
    expect(made.headers.location).toBe('/');
    expect(core.ledger.users.list()).toMatchObject([{ login: 'alice', displayName: 'Alice Martin', role: 'owner', disabledAt: null }]);
    expect(await whoIs(server, cookieOf(made))).toEqual({ actor: 'Alice Martin', role: 'owner' });
    // Once someone can sign in, a browser without access is sent to the sign-in page; the launch link still works.
    const anonymous = await httpRequest(`${server.origin}/`);
    expect([anonymous.status, anonymous.headers.location]).toEqual([303, '/sign-in']);
    expect((await httpRequest(`${server.origin}/?token=${server.launchToken}`)).status).toBe(303);
  });
});

describe('signing in by password', () => {
  it('answers the JSON API with who signed in, and the session survives a restart', async () => {
    const first = await start();
    await addUser(first.core, 'bob', 'viewer', 'Bob');
    const wrong = await signInJson(first.server.origin, 'bob', 'not his password');
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body)).toEqual({ error: 'That login and password do not match an active account here.' });
    const ok = await signInJson(first.server.origin, 'BOB', 'correct horse battery');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ login: 'bob', displayName: 'Bob', role: 'viewer' });
    const cookie = cookieOf(ok);
    expect(String(ok.headers['set-cookie'])).toContain('HttpOnly');
    expect(await whoIs(first.server, cookie)).toEqual({ actor: 'Bob', role: 'viewer' });
    const foreign = await httpRequest(`${first.server.origin}/api/sign-in`, {
      method: 'POST', body: JSON.stringify({ login: 'bob', password: 'correct horse battery' }),
      headers: { Origin: 'http://evil.example', 'Content-Type': 'application/json' },
    });
    expect(foreign.status).toBe(403);

    const port = first.server.port;
    await stop();
    const second = await start(port);
    expect(await whoIs(second.server, cookie)).toEqual({ actor: 'Bob', role: 'viewer' });
    const out = await httpRequest(`${second.server.origin}/api/sign-out`, { method: 'POST', headers: { Cookie: cookie, Origin: second.server.origin } });
    expect(out.status).toBe(204);
    await expect(whoIs(second.server, cookie)).rejects.toThrow(/401/);
  });

  it('signs in through the HTML form (no script), and shows the page to a browser without access', async () => {
    const { core, server } = await start();
    await addUser(core, 'carol', 'operator', 'Carol');
    const page = await httpRequest(`${server.origin}/sign-in`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<form method="post" action="/sign-in">');
    expect(page.body).not.toContain('<script');
    expect((await httpRequest(`${server.origin}/sign-in.css`)).body).toContain('prefers-color-scheme: dark');
    const post = (password: string) => httpRequest(`${server.origin}/sign-in`, {
      method: 'POST', body: form({ login: 'carol', password }), headers: { Origin: server.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    const bad = await post('wrong password here');
    expect(bad.status).toBe(401);
    expect(bad.body).toContain('That login and password do not match');
    expect(bad.body).toContain('value="carol"');
    const good = await post('correct horse battery');
    expect([good.status, good.headers.location]).toEqual([303, '/']);
    expect(await whoIs(server, cookieOf(good))).toEqual({ actor: 'Carol', role: 'operator' });
  });

  it('refuses an address after too many failures (429, audited) while another address still signs in', async () => {
    const { core, server } = await start();
    await addUser(core, 'dave', 'admin', 'Dave');
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await signInJson(server.origin, 'dave', `guess number ${i}`, '127.0.0.2')).status);
    const limit = DEFAULT_SIGN_IN_LIMITS.maxFailures;
    expect(statuses).toEqual([...Array<number>(limit).fill(401), ...Array<number>(20 - limit).fill(429)]);
    const refused = await signInJson(server.origin, 'dave', 'correct horse battery', '127.0.0.2');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

    const audit = core.ledger.audit.list(undefined, 100).filter((e) => e.target === 'address:127.0.0.2');
    expect(audit.filter((e) => e.action === 'serve/sign-in-failed')).toHaveLength(limit);
    expect(audit.filter((e) => e.action === 'serve/sign-in-blocked')).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('guess number');

    const other = await signInJson(server.origin, 'dave', 'correct horse battery', '127.0.0.1');
    expect(other.status).toBe(200);
    expect(core.ledger.audit.list(undefined, 5).some((e) => e.action === 'serve/signed-in' && e.actor === 'Dave')).toBe(true);
  });
});
