import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStaticPath } from './static-files.ts';
import { allowedHosts, hostAllowed, isLoopbackHost, originAllowed } from '../platform/net/host-check.ts';

const root = path.resolve('/srv/flowdeck/renderer');

describe('resolveStaticPath', () => {
  it('maps clean paths under the root', () => {
    expect(resolveStaticPath(root, '/')).toBe(root);
    expect(resolveStaticPath(root, '/assets/app-1a2b.js')).toBe(path.join(root, 'assets', 'app-1a2b.js'));
    expect(resolveStaticPath(root, '/fonts/Inter%20Var.woff2')).toBe(path.join(root, 'fonts', 'Inter Var.woff2'));
  });

  it.each(['/../package.json', '/%2e%2e/package.json', '/assets/..%2F..%2Fx', '/..%5cx', '/a%00b', '/%E0%A4%A', 'relative', '/x\\..\\y'])(
    'refuses %s', (p) => {
      expect(resolveStaticPath(root, p)).toBeNull();
    });
});

describe('host and origin checks', () => {
  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.5', 'example.com', '128.0.0.1']) expect(isLoopbackHost(h)).toBe(false);
  });

  it('answers only to loopback Host headers when bound to loopback', () => {
    const allowed = allowedHosts('127.0.0.1', 7787);
    expect(hostAllowed('127.0.0.1:7787', allowed)).toBe(true);
    expect(hostAllowed('localhost:7787', allowed)).toBe(true);
    expect(hostAllowed('rebind.example:7787', allowed)).toBe(false);
    expect(hostAllowed(undefined, allowed)).toBe(false);
    expect(hostAllowed('anything:1', allowedHosts('0.0.0.0', 7787))).toBe(true);
  });

  it('accepts only the page\'s own origin for WebSockets', () => {
    expect(originAllowed('http://127.0.0.1:7787', '127.0.0.1:7787')).toBe(true);
    expect(originAllowed('http://evil.example', '127.0.0.1:7787')).toBe(false);
    expect(originAllowed('https://127.0.0.1:7787', '127.0.0.1:7787')).toBe(false);
    expect(originAllowed(undefined, '127.0.0.1:7787')).toBe(false);
  });
});
