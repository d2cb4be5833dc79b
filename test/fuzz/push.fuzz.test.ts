import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../core/platform/secrets/memory-store.ts';
import { startPushReceiver, type PushReceiver } from '../../core/push/receiver.ts';
import { signBody, signingSecretRef, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../core/push/signing.ts';
import { fuzzCore, LONG } from './fuzz-core.ts';
import { ledgerDb } from '../../core/store/ledger-db.ts';

const RUNS = LONG ? 3000 : 150;
const SECRET = 'push-signing-secret-fuzz';

interface Answer { status: number | null; bytes: number }

/** One raw HTTP/1.1 exchange over a socket, so paths, header bytes and declared lengths can be anything. */
function exchange(port: number, head: string, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? undefined : reject(e)));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      // The final status (an `Expect: 100-continue` request gets an interim 100 first).
      const statuses = [...text.matchAll(/(?:^|\r\n)HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1])).filter((n) => n >= 200);
      resolve({ status: statuses[0] ?? null, bytes: text.length });
    });
    socket.write(head);
    socket.end(body);
  });
}

const { core, logger } = fuzzCore();
let receiver: PushReceiver;
const secrets = createMemorySecretStore({ [signingSecretRef('p1')]: SECRET });
const figures = { cases: 0, byStatus: new Map<number | string, number>(), pingsAccepted: 0 };

beforeAll(async () => {
  for (const slug of ['nightly', 'etl-1', 'backup']) {
    const r = await core.dispatcher.dispatch('push/create-monitor', { connectorId: 'p1', slug, name: slug }, { actor: 'fuzz' });
    expect(r.ok).toBe(true);
  }
  receiver = await startPushReceiver({ core, secrets, port: 0, allowSlugOnly: true });
});
afterAll(async () => {
  await receiver.close();
  console.log(`fuzz push receiver: cases=${figures.cases} statuses=${JSON.stringify(Object.fromEntries(figures.byStatus))} ` +
    `pingsAccepted=${figures.pingsAccepted} pingsStored=${(ledgerDb(core.ledger).prepare('SELECT count(*) AS n FROM push_pings').get() as { n: number }).n}`);
  core.close();
});

const segment = fc.oneof(
  fc.constantFrom('ping', 'hooks', 'p1', 'nightly', 'etl-1', 'backup', 'start', 'fail', 'log', '0', '1', '255', '256', 'run-finished', '..', '.', '%00', '%2F', '%ZZ', '', 'x'.repeat(300)),
  fc.stringMatching(/^[A-Za-z0-9._~%-]{0,20}$/),
);
const pingPath = fc.constantFrom('/ping/nightly', '/ping/etl-1/start', '/ping/etl-1', '/ping/backup/fail', '/ping/nightly/0', '/ping/nightly/255', '/ping/backup/log', '/ping/unknown-slug');
const randomPath = fc.tuple(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.option(fc.constantFrom('rid=abc-123', 'rid=', 'rid=' + 'a'.repeat(200), 'create=1', 'rid=%ZZ&create=1', '&&=', 'rid=a b')))
  .map(([parts, q]) => `/${parts.join('/')}${q ? `?${q}` : ''}`);
const path = fc.oneof(randomPath, fc.tuple(pingPath, fc.option(fc.constantFrom('rid=abc-123', 'rid=x.y_z', 'create=1'))).map(([p, q]) => (q ? `${p}?${q}` : p)));
const headerName = fc.constantFrom('Content-Type', 'Content-Encoding', 'Transfer-Encoding', 'Origin', 'Sec-Fetch-Site', 'Idempotency-Key', SIGNATURE_HEADER, 'X-Junk', 'Host', 'Expect');
const headerValue = fc.oneof(
  fc.constantFrom('application/json', 'text/plain; charset=latin1', 'gzip', 'br', 'chunked', 'identity', 'null', 'none', 'same-origin', 'https://evil.example', 'sha256=' + '0'.repeat(64), '100-continue', ''),
  fc.stringMatching(/^[\x20-\x7e]{0,40}$/),
);
const body = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a)),
  fc.jsonValue().map((j) => Buffer.from(JSON.stringify(j) ?? '')),
  fc.constantFrom(Buffer.alloc(0), Buffer.alloc(150 * 1024, 0x61), Buffer.from('\xff\xfe\x00\x00', 'latin1')),
);
const request = fc.record({
  method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'BREW'),
  path, headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 4 }), body,
  declared: fc.constantFrom('exact', 'none', 'short', 'long'),
});

/** A signed run-finished event with random but schema-shaped contents. */
const event = fc.record({
  workflow: fc.record({ id: fc.oneof(fc.string({ maxLength: 30 }), fc.integer({ min: -1, max: 1e6 })), name: fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.constant('  ')) }),
  run: fc.record({
    id: fc.oneof(fc.string({ maxLength: 30 }), fc.nat()), status: fc.constantFrom('success', 'failed', 'error', 'ok', 'weird', ''),
    startedAt: fc.oneof(fc.integer({ min: -5, max: 4e12 }), fc.constantFrom('2026-11-25T10:00:00Z', 'yesterday', '')),
    finishedAt: fc.option(fc.integer({ min: 0, max: 4e12 })), error: fc.option(fc.oneof(fc.string(), fc.record({ message: fc.string() }))),
    url: fc.option(fc.constantFrom('https://ci.example/run/1', 'javascript:alert(1)', 'not a url')),
  }, { requiredKeys: ['id', 'status'] }),
}, { requiredKeys: ['run'] });

function check(answer: Answer, what: string): void {
  figures.cases++;
  figures.byStatus.set(answer.status ?? 'closed', (figures.byStatus.get(answer.status ?? 'closed') ?? 0) + 1);
  if (answer.status !== null && answer.status >= 500) throw new Error(`${answer.status} for ${what}`);
}

describe('fuzz: the heartbeat/webhook receiver never answers 5xx and never crashes', () => {
  it('random paths, methods, headers, bodies and declared lengths', async () => {
    await fc.assert(fc.asyncProperty(request, async (r) => {
      const length = { exact: r.body.length, none: null, short: Math.max(0, r.body.length - 3), long: r.body.length + 10 }[r.declared];
      const headers = r.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('');
      const hasHost = r.headers.some(([k]) => k === 'Host');
      const head = `${r.method} ${r.path} HTTP/1.1\r\n${hasHost ? '' : `Host: 127.0.0.1:${receiver.port}\r\n`}${headers}` +
        `${length === null ? '' : `Content-Length: ${length}\r\n`}Connection: close\r\n\r\n`;
      // 'long' declares more than is sent: the server waits for the rest, so send those bytes as padding.
      const sent = r.declared === 'long' ? Buffer.concat([r.body, Buffer.alloc(10, 0x20)]) : r.body;
      const answer = await exchange(receiver.port, head, sent);
      check(answer, `${r.method} ${r.path}`);
      if (answer.status === 200 && r.path.startsWith('/ping/')) figures.pingsAccepted++;
    }), { numRuns: RUNS, seed: 6 });
    // Every ping answered 200 was committed before the answer. (A few more are stored than acknowledged: when junk
    // bytes follow a request without a length, the server commits the ping, then drops the connection over the junk.)
    expect((ledgerDb(core.ledger).prepare('SELECT count(*) AS n FROM push_pings').get() as { n: number }).n).toBeGreaterThanOrEqual(figures.pingsAccepted);
    // A client that hangs up mid-body is logged ("aborted") but never answered with a 5xx; anything else is a bug.
    expect(logger.lines.filter((l) => l.message === 'push receiver request failed' && l.fields?.['error'] !== 'aborted')).toEqual([]);
  });

  it('answers a path that starts like a ping but has too many segments with 404 (it was a 500: found by this fuzzer)', async () => {
    for (const path of ['/ping/ping//ping', '/ping/nightly/start/extra', '/ping/a/b/c/d']) {
      const answer = await exchange(receiver.port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${receiver.port}\r\nConnection: close\r\n\r\n`, Buffer.alloc(0));
      expect(answer.status, path).toBe(404);
    }
  });

  it('correctly signed run-finished events with random contents', async () => {
    await fc.assert(fc.asyncProperty(event, fc.option(fc.stringMatching(/^[\x21-\x7e]{1,20}$/)), async (e, key) => {
      const bytes = Buffer.from(JSON.stringify(e));
      const head = `POST /hooks/p1/run-finished HTTP/1.1\r\nHost: 127.0.0.1:${receiver.port}\r\nContent-Type: application/json\r\n` +
        `${TIMESTAMP_HEADER}: ${Math.floor(core.clock.now() / 1000)}\r\n${SIGNATURE_HEADER}: ${signBody(SECRET, bytes, String(Math.floor(core.clock.now() / 1000)))}\r\n${key ? `Idempotency-Key: ${key}\r\n` : ''}Content-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`;
      check(await exchange(receiver.port, head, bytes), JSON.stringify(e));
    }), { numRuns: RUNS, seed: 7 });
    expect(logger.lines.filter((l) => l.level === 'error' && l.fields?.['error'] !== 'aborted')).toEqual([]);
    expect(ledgerDb(core.ledger).pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
