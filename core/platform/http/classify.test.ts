import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyNetworkError, classifyStatus, errorCodes, parseBody } from './classify.ts';
import { createHttpClient } from './client.ts';
import { fakeTime } from '../../../test/support/fake-time.ts';
import { startLocalServer } from '../../../test/support/local-server.ts';
import { HttpFailure } from './types.ts';

/** The shape undici gives: TypeError('fetch failed') with the socket error as `cause`. */
const fetchFailed = (cause: unknown) => Object.assign(new TypeError('fetch failed'), { cause });
const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

const opensslAvailable = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!opensslAvailable) console.warn('\n!!!! classify.test: openssl is not installed — the self-signed certificate test is SKIPPED.\n');

describe('classifyNetworkError', () => {
  it.each([
    ['CERT_HAS_EXPIRED', 'tls'], ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'], ['SELF_SIGNED_CERT_IN_CHAIN', 'tls'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'], ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['ECONNREFUSED', 'unreachable'], ['ENOTFOUND', 'unreachable'], ['ECONNRESET', 'unreachable'], ['UND_ERR_SOCKET', 'unreachable'],
  ])('%s → %s', (code, kind) => {
    expect(classifyNetworkError(fetchFailed(withCode(code)), 'n8n.example.com').failure.kind).toBe(kind);
  });

  it('finds codes inside AggregateErrors (happy-eyeballs connect failures)', () => {
    const cause = new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'connect failed');
    expect(errorCodes(fetchFailed(cause))).toEqual(['ECONNREFUSED', 'ECONNREFUSED']);
    const c = classifyNetworkError(fetchFailed(cause), 'h');
    expect(c).toMatchObject({ notSent: true, retryable: true });
    expect(c.failure.message).toBe('Could not reach h: connection refused — is the service running and the port right?');
  });

  it('plain words for DNS and certificate problems', () => {
    expect(classifyNetworkError(fetchFailed(withCode('ENOTFOUND')), 'n8n.typo.example').failure.message)
      .toBe('Could not reach n8n.typo.example: the host name could not be found — check the address.');
    expect(classifyNetworkError(fetchFailed(withCode('CERT_HAS_EXPIRED')), 'h').failure.message)
      .toMatch(/^The certificate of h could not be verified \(CERT_HAS_EXPIRED\)/);
  });
});

describe('classifyStatus and parseBody', () => {
  it('maps statuses to kinds with retry and breaker decisions', () => {
    expect(classifyStatus(401, null, 'h', null)).toMatchObject({ retryable: false, breakerFailure: false, failure: { kind: 'auth' } });
    expect(classifyStatus(422, { message: 'bad' }, 'h', null)).toMatchObject({ retryable: false, failure: { kind: 'client', message: 'h rejected the request (422): bad' } });
    expect(classifyStatus(500, { detail: 'oops' }, 'h', null)).toMatchObject({ retryable: true, breakerFailure: true, failure: { kind: 'server' } });
  });

  it('parses JSON, allows empty bodies and text error bodies, rejects HTML and broken JSON', () => {
    expect(parseBody('{"a":1}', 'application/json', 200)).toEqual({ ok: true, body: { a: 1 } });
    expect(parseBody('', '', 204)).toEqual({ ok: true, body: null });
    expect(parseBody('Bad Gateway', 'text/plain', 502)).toEqual({ ok: true, body: 'Bad Gateway' });
    expect(parseBody('[1,2', 'application/json', 200)).toMatchObject({ ok: false, classified: { failure: { kind: 'bad_response' } } });
    expect(parseBody('OK', 'text/plain', 200)).toMatchObject({ ok: false });
    expect(parseBody('<?xml version="1.0"?><html/>', '', 200)).toMatchObject({ ok: false });
  });
});

describe('TLS failures from real connections', () => {
  it('https to a plain-http server is a tls failure with a hint about the scheme', async () => {
    const time = fakeTime();
    const server = await startLocalServer(time.clock, (_req, res) => res.end('{}'));
    try {
      const client = createHttpClient({ baseUrl: server.url.replace('http:', 'https:'), clock: time.clock, sleep: time.sleep });
      const failure = await client.request({ method: 'GET', path: '/' }).then(() => null, (e: unknown) => e as HttpFailure);
      expect(failure).toBeInstanceOf(HttpFailure);
      expect(failure?.kind).toBe('tls');
      expect(failure?.message).toMatch(/does the address start with https:\/\/ while the server only speaks http\?/);
      expect(server.arrivals).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it.skipIf(!opensslAvailable)('a self-signed certificate is a tls failure, not retried', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'flowdeck-tls-'));
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    let hits = 0;
    const server = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => { hits += 1; res.end('{}'); });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const time = fakeTime();
      const { port } = server.address() as AddressInfo;
      const client = createHttpClient({ baseUrl: `https://127.0.0.1:${port}`, clock: time.clock, sleep: time.sleep });
      const failure = await client.request({ method: 'GET', path: '/' }).then(() => null, (e: unknown) => e as HttpFailure);
      expect(failure).toMatchObject({ kind: 'tls' });
      expect(failure?.message).toMatch(/certificate of 127\.0\.0\.1:\d+ could not be verified \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
      expect(hits).toBe(0);
      expect(time.sleeps).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
