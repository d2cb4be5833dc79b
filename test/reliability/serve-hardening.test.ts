// Serve mode, from outside: every path and method needs the token, no CORS for anyone, loopback by default,
// constant-time token comparison. (test/integration/serve.test.ts covers sign-in, sessions, Origin on WebSockets.)
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startServe, type ServeProcess } from '../integration/helpers/cli.ts';

let server: ServeProcess;
beforeAll(async () => {
  server = await startServe(['--data-dir', mkdtempSync(join(tmpdir(), 'flowdeck-serve-hard-')), '--port', '0']);
});
afterAll(async () => {
  await server.stop();
});

const segment = fc.constantFrom('', 'index.html', 'assets', 'app.js', 'ws', 'api', 'rpc', '..', '%2e%2e', 'etc', 'passwd', 'favicon.ico', 'x'.repeat(100), '%00');

describe('serve mode hardening', () => {
  it('binds to loopback by default', () => {
    expect(new URL(server.origin).hostname).toBe('127.0.0.1');
  });

  it('refuses every path and method without the token, and never answers with CORS headers', async () => {
    let cases = 0;
    await fc.assert(fc.asyncProperty(
      fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'HEAD'), fc.array(segment, { maxLength: 4 }),
      fc.constantFrom(undefined, 'https://evil.example', 'null', server.origin), async (method, parts, origin) => {
        cases++;
        const res = await fetch(`${server.origin}/${parts.join('/')}`, {
          method, redirect: 'manual', headers: { ...(origin ? { origin } : {}), 'access-control-request-method': 'POST' },
        });
        await res.arrayBuffer();
        expect(res.status, `${method} /${parts.join('/')}`).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
        expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      }), { numRuns: 60, seed: 6 });
    console.log(`serve hardening: ${cases} unauthenticated requests refused, 0 with CORS headers`);
  });

  it('sends no CORS headers to a cross-origin caller even with a valid bearer token', async () => {
    for (const method of ['GET', 'OPTIONS']) {
      const res = await fetch(`${server.origin}/`, { method, headers: { authorization: `Bearer ${server.token}`, origin: 'https://evil.example' } });
      await res.arrayBuffer();
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('compares tokens and signatures in constant time', () => {
    for (const file of ['core/server/tokens.ts', 'core/push/signing.ts']) {
      expect(readFileSync(join(REPO_ROOT, file), 'utf8')).toMatch(/timingSafeEqual\(/);
    }
  });
});
