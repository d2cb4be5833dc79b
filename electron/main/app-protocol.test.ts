import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as fake from '../test-support/electron-fake.ts';
import {
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  registerAppScheme,
  resolveAppPath,
  serveAppProtocol,
} from './app-protocol.ts';

vi.mock('electron', () => import('../test-support/electron-fake.ts'));

const base = mkdtempSync(path.join(os.tmpdir(), 'flowdeck-protocol-'));
const root = path.join(base, 'renderer');
const handler = createAppProtocolHandler(root);

beforeAll(() => {
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Flowdeck</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'app.css'), 'body{}');
  writeFileSync(path.join(root, 'assets', 'blob.xyz'), 'x');
  writeFileSync(path.join(base, 'secret.txt'), 'TOP SECRET');
  symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET'): Promise<Response> => handler(new Request(url, { method }));

describe('app:// protocol', () => {
  it('serves index.html for the root with the right MIME type and a strict CSP', async () => {
    const res = await get('app://flowdeck/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('<title>Flowdeck</title>');
    const csp = res.headers.get('content-security-policy');
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    ['app://flowdeck/assets/app.js', 'text/javascript; charset=utf-8'],
    ['app://flowdeck/assets/app.css', 'text/css; charset=utf-8'],
    ['app://flowdeck/assets/blob.xyz', 'application/octet-stream'],
  ])('serves %s as %s', async (url, mime) => {
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(mime);
  });

  it.each([
    'app://flowdeck/..%2fsecret.txt',
    'app://flowdeck/%2e%2e%2fsecret.txt',
    'app://flowdeck/assets/%2E%2E%2F%2E%2E%2Fsecret.txt',
    'app://flowdeck/..%5csecret.txt',
    'app://flowdeck/assets/..\\..\\secret.txt',
    'app://flowdeck/%252e%252e%252fsecret.txt',
    'app://flowdeck//etc/passwd',
    `app://flowdeck/${encodeURIComponent(path.join(base, 'secret.txt'))}`,
    'app://flowdeck/C:/Windows/win.ini',
    'app://flowdeck/assets/link.txt',
    'app://flowdeck/assets',
    'app://flowdeck/missing.js',
    'app://flowdeck/index.html%00.js',
    'app://evil/index.html',
  ])('answers 404 (never the file outside root) for %s', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('TOP SECRET');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses methods other than GET and HEAD; HEAD has no body', async () => {
    expect((await get('app://flowdeck/index.html', 'POST')).status).toBe(405);
    const head = await get('app://flowdeck/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('resolveAppPath rejects raw traversal, absolute and odd paths', () => {
    for (const p of ['/../secret.txt', '/assets/../../secret.txt', '/./index.html', '//etc/passwd', '/a//b', 'index.html', '/%E0%A4%A']) {
      expect(resolveAppPath(root, p), p).toBeNull();
    }
    expect(resolveAppPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, '/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveAppPath(root, '/assets/my%20file.js')).toBe(path.join(root, 'assets', 'my file.js'));
  });

  it('registers app:// as a standard, secure scheme and serves it through protocol.handle', () => {
    registerAppScheme();
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    serveAppProtocol(root);
    expect(fake.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });
});
