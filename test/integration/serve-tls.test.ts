// `flowdeck serve --tls-cert F --tls-key F` (issue #15, part 6): HTTPS and WSS with a self-signed certificate made
// here by openssl, checked by real clients that trust only that certificate. With TLS the session cookie is Secure
// and HSTS is sent; without it (even with --allow-remote) the cookie stays as it was and the warning stays.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { CoreClient } from '../../core/contract/client.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { startServer, type RunningServer } from '../../core/server/server.ts';
import { readTlsFiles, type TlsFiles } from '../../core/server/tls-files.ts';
import { runCli, startServe } from './helpers/cli.ts';
import { makeRendererFixture, socketDuplex, UpgradeRefused } from './helpers/ws.ts';

const T0 = Date.UTC(2026, 2, 11, 11);
let tmp: string;
let rendererDir: string;
let certFile: string;
let keyFile: string;
let otherKeyFile: string;
let tls: TlsFiles;

function makeCert(dir: string, name: string): void {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', path.join(dir, `${name}.key`), '-out', path.join(dir, `${name}.crt`), '-days', '2', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'flowdeck-tls-'));
  rendererDir = makeRendererFixture().rendererDir;
  makeCert(tmp, 'server');
  makeCert(tmp, 'other');
  certFile = path.join(tmp, 'server.crt');
  keyFile = path.join(tmp, 'server.key');
  otherKeyFile = path.join(tmp, 'other.key');
  tls = readTlsFiles(certFile, keyFile);
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  rmSync(path.dirname(rendererDir), { recursive: true, force: true });
});

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** An HTTPS GET that trusts only the test's certificate (verification stays on). */
function httpsGet(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca: tls.cert, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openWss(origin: string, headers: Record<string, string>, pageOrigin?: string): Promise<WebSocket> {
  const socket = new WebSocket(`${origin.replace(/^https/, 'wss')}/ws`, { ca: tls.cert, headers, ...(pageOrigin ? { origin: pageOrigin } : {}) });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => { reject(new UpgradeRefused(res.statusCode ?? 0)); socket.terminate(); });
    socket.once('error', reject);
  });
}

describe('serve over TLS', () => {
  let core: Core;
  let server: RunningServer;

  beforeAll(async () => {
    core = createCore({ dataDir: ':memory:', clock: fixedClock(T0), logger: createMemoryLogger() });
    server = await startServer({ core, rendererDir, port: 0, launchActor: 'owner', tls });
  });

  afterAll(async () => {
    await server.close();
    core.close();
  });

  it('answers HTTPS at an https:// origin, with a Secure session cookie and HSTS on every answer', async () => {
    expect(server.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url.startsWith(`${server.origin}/?token=`)).toBe(true);
    const signIn = await httpsGet(server.url);
    expect(signIn.status).toBe(303);
    expect(signIn.headers['strict-transport-security']).toBe('max-age=31536000');
    const cookie = String(signIn.headers['set-cookie']);
    expect(cookie).toMatch(/; Secure(;|$)/);
    expect(cookie).toContain('HttpOnly');
    const page = await httpsGet(`${server.origin}/`, { cookie: cookie.split(';')[0]! });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Flowdeck test page');
    expect(page.headers['strict-transport-security']).toBe('max-age=31536000');
    const refused = await httpsGet(`${server.origin}/`);
    expect(refused.status).toBe(401);
    expect(refused.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('speaks the contract over WSS, to a page from its own https:// origin only', async () => {
    const cookie = String((await httpsGet(server.url)).headers['set-cookie']).split(';')[0]!;
    const client = new CoreClient({ timeoutMs: 5_000 });
    client.attach(socketDuplex(await openWss(server.origin, { cookie }, server.origin)));
    try {
      expect((await client.call('system/get-status', {})).role).toBe('owner');
    } finally {
      client.close();
    }
    const plainPage = server.origin.replace(/^https/, 'http');
    await expect(openWss(server.origin, { cookie }, plainPage)).rejects.toMatchObject({ status: 403 });
    const bearer = await openWss(server.origin, { Authorization: `Bearer ${server.launchToken}` });
    bearer.close();
  });

  it('refuses plain HTTP on the TLS port', async () => {
    await expect(fetch(server.origin.replace(/^https/, 'http'))).rejects.toThrow();
  });
});

describe('serve without TLS', () => {
  it('keeps the cookie without Secure and sends no HSTS', async () => {
    const core = createCore({ dataDir: ':memory:', clock: fixedClock(T0), logger: createMemoryLogger() });
    const server = await startServer({ core, rendererDir, port: 0, launchActor: 'owner' });
    try {
      expect(server.origin).toMatch(/^http:\/\//);
      const res = await fetch(server.url, { redirect: 'manual' });
      expect(res.status).toBe(303);
      expect(res.headers.get('set-cookie')).not.toContain('Secure');
      expect(res.headers.get('strict-transport-security')).toBeNull();
    } finally {
      await server.close();
      core.close();
    }
  });
});

describe('the TLS files', () => {
  it('are refused in plain words when missing, not PEM, or not a pair', () => {
    const notPem = path.join(tmp, 'not.pem');
    writeFileSync(notPem, 'hello');
    expect(() => readTlsFiles(path.join(tmp, 'missing.crt'), keyFile)).toThrow(`The TLS certificate ${path.join(tmp, 'missing.crt')} cannot be used: there is no such file.`);
    expect(() => readTlsFiles(certFile, tmp)).toThrow(`The TLS key ${tmp} cannot be used: it is a folder.`);
    expect(() => readTlsFiles(notPem, keyFile)).toThrow(/is not a PEM certificate/);
    expect(() => readTlsFiles(certFile, notPem)).toThrow(/is not a PEM private key/);
    expect(() => readTlsFiles(certFile, otherKeyFile)).toThrow(`The TLS key ${otherKeyFile} does not belong to the certificate ${certFile}: give the key the certificate was made with.`);
  });

  it('flowdeck serve says what is wrong and starts nothing', async () => {
    const data = path.join(tmp, 'cli-data');
    const one = await runCli(['serve', '--tls-cert', certFile, '--data-dir', data, '--renderer-dir', rendererDir]);
    expect(one.code).not.toBe(0);
    expect(one.stderr).toContain('--tls-cert and --tls-key go together');
    const mismatched = await runCli(['serve', '--tls-cert', certFile, '--tls-key', otherKeyFile, '--data-dir', data, '--renderer-dir', rendererDir]);
    expect(mismatched.code).toBe(1);
    expect(mismatched.stderr).toContain(`does not belong to the certificate ${certFile}`);
    expect(mismatched.stderr).not.toContain('PRIVATE KEY');
  });

  it('flowdeck serve --allow-remote with TLS prints an https:// link and no plain-HTTP warning', async () => {
    const serve = await startServe(['--host', '0.0.0.0', '--allow-remote', '--port', '0', '--tls-cert', certFile, '--tls-key', keyFile,
      '--data-dir', path.join(tmp, 'remote-tls'), '--renderer-dir', rendererDir]);
    try {
      expect(serve.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const signIn = await httpsGet(serve.url);
      expect(signIn.status).toBe(303);
      expect(String(signIn.headers['set-cookie'])).toContain('; Secure');
    } finally {
      expect(await serve.stop()).toBe(0);
    }
    expect(serve.stderr()).not.toContain('WARNING');
  });
});
