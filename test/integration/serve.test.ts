// Serve mode's HTTP and WebSocket front door: tokens, sessions, origins, static files.
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { CoreClient } from '../../core/contract/client.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { CONTENT_SECURITY_POLICY } from '../../core/server/http-basics.ts';
import { ServeRefusedError, startServer, type RunningServer } from '../../core/server/server.ts';
import { runCli } from './helpers/cli.ts';
import { closed, login, makeRendererFixture, openSocket, socketDuplex, UpgradeRefused } from './helpers/ws.ts';

let root: string;
let dataDir: string;
let core: Core;
let server: RunningServer;

beforeAll(async () => {
  const fixture = makeRendererFixture();
  root = fixture.root;
  dataDir = mkdtempSync(path.join(tmpdir(), 'flowdeck-serve-'));
  core = createCore({ dataDir, logger: createMemoryLogger() });
  server = await startServer({ core, rendererDir: fixture.rendererDir, port: 0, launchActor: 'serve owner' });
});

afterAll(async () => {
  await server.close();
  core.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

/** A raw GET that sends the path byte for byte (fetch would normalise `..` away). */
function rawGet(rawPath: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: rawPath, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function refusal(promise: Promise<unknown>): Promise<number> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(UpgradeRefused);
  return (error as UpgradeRefused).status;
}

async function actorOver(socket: Awaited<ReturnType<typeof openSocket>>): Promise<string> {
  const client = new CoreClient({ timeoutMs: 5_000 });
  client.attach(socketDuplex(socket));
  return (await client.call('system/get-status', {})).actor;
}

describe('serve mode access', () => {
  it('refuses a wrong token with 401 and sets no cookie', async () => {
    const res = await fetch(`${server.origin}/?token=not-the-token`, { redirect: 'manual' });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toContain('Flowdeck needs the link with its access token');
  });

  it('refuses requests and WebSocket upgrades without a cookie or token', async () => {
    expect((await fetch(`${server.origin}/`)).status).toBe(401);
    expect((await fetch(`${server.origin}/assets/app.js`)).status).toBe(401);
    expect(await refusal(openSocket(server.origin, { origin: server.origin }))).toBe(401);
    expect(await refusal(openSocket(server.origin, { cookie: 'flowdeck_session_1=forged', origin: server.origin }))).toBe(401);
  });

  it('signs in with the launch token, then serves the console with its security headers', async () => {
    const res = await fetch(`${server.origin}/?token=${server.launchToken}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    // Nobody can sign in by password yet: the launch link lands on the page that creates the owner (issue #15).
    expect(res.headers.get('location')).toBe('/first-run');
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(new RegExp(`^flowdeck_session_${server.port}=[A-Za-z0-9_-]{43}; `));
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    const cookie = setCookie.split(';')[0]!;
    const page = await fetch(`${server.origin}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('Flowdeck test page');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'; script-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect([...page.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
    const script = await fetch(`${server.origin}/assets/app.js`, { headers: { cookie } });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`${server.origin}/runs`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${server.origin}/`, { method: 'POST', headers: { cookie } })).status).toBe(405);
    const socket = await openSocket(server.origin, { cookie, origin: server.origin });
    expect(await actorOver(socket)).toBe('serve owner');
    socket.close();
  });

  it('refuses a WebSocket from another origin, or a cookie without any origin', async () => {
    const cookie = await login(server.origin, server.launchToken);
    expect(await refusal(openSocket(server.origin, { cookie, origin: 'http://evil.example' }))).toBe(403);
    expect(await refusal(openSocket(server.origin, { cookie, origin: `http://localhost:${server.port + 1}` }))).toBe(403);
    expect(await refusal(openSocket(server.origin, { cookie }))).toBe(401);
  });

  it('lets scripted clients use a bearer token, and refuses foreign Host headers', async () => {
    const socket = await openSocket(server.origin, { bearer: server.launchToken });
    expect(await actorOver(socket)).toBe('serve owner');
    socket.close();
    expect((await fetch(`${server.origin}/`, { headers: { authorization: `Bearer ${server.launchToken}` } })).status).toBe(200);
    expect((await rawGet('/', { authorization: `Bearer ${server.launchToken}`, host: `rebound.example:${server.port}` })).status).toBe(403);
  });

  it.each(['/../package.json', '/%2e%2e/package.json', '/%2E%2E%2Fpackage.json', '/assets/..%2f..%2fpackage.json',
    '/..%5cpackage.json', '/%2e%2e/%2e%2e/etc/passwd', '/%00', '/%zz'])('answers 404 to %s', async (p) => {
    const res = await rawGet(p, { authorization: `Bearer ${server.launchToken}` });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('TOP-SECRET');
  });
});

describe('named access tokens', () => {
  it('work once added and stop, sessions included, once revoked', async () => {
    const added = await runCli(['tokens', 'add', 'alice', '--data-dir', dataDir]);
    expect(added.code).toBe(0);
    const token = added.stdout.trim();
    const cookie = await login(server.origin, token);
    const live = await openSocket(server.origin, { cookie, origin: server.origin });
    const idle = await openSocket(server.origin, { bearer: token });
    expect(await actorOver(live)).toBe('alice');
    expect(core.ledger.audit.list(undefined, 5).find((e) => e.action === 'serve/signed-in'))
      .toMatchObject({ actor: 'alice', target: 'token:alice' });
    expect((await fetch(`${server.origin}/`, { headers: { cookie } })).status).toBe(200);

    const liveClosed = closed(live);
    const idleClosed = closed(idle);
    expect((await runCli(['tokens', 'revoke', 'alice', '--data-dir', dataDir])).code).toBe(0);
    // Both open connections, the busy and the idle one, end at once: the server notices the CLI's commit.
    expect(await liveClosed).toBe(4401);
    expect(await idleClosed).toBe(4401);
    const after = await fetch(`${server.origin}/`, { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(after.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await fetch(`${server.origin}/?token=${token}`, { redirect: 'manual' })).status).toBe(401);
    expect(await refusal(openSocket(server.origin, { bearer: token }))).toBe(401);
    // The launch token is unaffected.
    expect((await fetch(`${server.origin}/`, { headers: { cookie: await login(server.origin, server.launchToken) } })).status).toBe(200);
  });
});

describe('the WebSocket transport under bad input', () => {
  it('closes an oversized frame with 1009 and keeps serving others', async () => {
    const cookie = await login(server.origin, server.launchToken);
    const big = await openSocket(server.origin, { cookie, origin: server.origin });
    const code = closed(big);
    big.send('x'.repeat(1024 * 1024 + 1));
    expect(await code).toBe(1009);
    const next = await openSocket(server.origin, { cookie, origin: server.origin });
    expect(await actorOver(next)).toBe('serve owner');
    next.close();
  });

  it('answers a binary frame with a protocol error and keeps the connection', async () => {
    const socket = await openSocket(server.origin, { bearer: server.launchToken });
    const reply = new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
    socket.send(Buffer.from([1, 2, 3]));
    expect(JSON.parse(await reply)).toMatchObject({ t: 'error', error: { kind: 'protocol', code: 'malformed_frame' } });
    expect(await actorOver(socket)).toBe('serve owner');
    socket.close();
  });
});

describe('listening address', () => {
  it('refuses a non-loopback host unless remote access is allowed', async () => {
    const error = await startServer({ core, rendererDir: root, host: '0.0.0.0', port: 0, launchActor: 'x' }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ServeRefusedError);
    expect((error as Error).message).toContain('--allow-remote');
  });
});
