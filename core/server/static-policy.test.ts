import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, decodeStaticPath, mimeTypeFor, SECURITY_HEADERS } from '../contract/static-policy.ts';
import { SECURITY_HEADERS as SERVE_HEADERS } from './http-basics.ts';
import { resolveStaticPath } from './static-files.ts';

describe('one static-file and CSP policy for serve mode and the desktop app', () => {
  it('serve mode sends exactly the shared headers; the desktop protocol has no copy of its own', () => {
    expect(SERVE_HEADERS).toBe(SECURITY_HEADERS);
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    const appProtocol = readFileSync(new URL('../../electron/main/app-protocol.ts', import.meta.url), 'utf8');
    expect(appProtocol).toContain("from '../../core/contract/static-policy.ts'");
    expect(appProtocol).not.toMatch(/default-src|'\.html':|decodeURIComponent/);
  });

  it('knows the types both used to list separately, and refuses paths that could leave the folder', () => {
    expect([mimeTypeFor('/a/app.wasm'), mimeTypeFor('x.webmanifest'), mimeTypeFor('noext'), mimeTypeFor('.hidden')])
      .toEqual(['application/wasm', 'application/manifest+json; charset=utf-8', 'application/octet-stream', 'application/octet-stream']);
    for (const bad of ['/../x', '/%2e%2e/x', '/a/%2E%2E%2Fb', '/a\\b', '/%5c..', '/%00', '/c:/x', '/a//b', '/%zz', 'x']) {
      expect([bad, decodeStaticPath(bad)]).toEqual([bad, null]);
      expect(resolveStaticPath('/srv/www', bad)).toBeNull();
    }
    expect(decodeStaticPath('/assets/app%20one.js')).toBe('/assets/app one.js');
  });
});
