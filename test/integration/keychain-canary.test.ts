// A canary credential goes keychain → HTTP client → a vendor that misbehaves and even echoes it back; the bytes of
// every log line and every error that reaches the caller must not contain it. (The database and export checks
// belong to the connector/scheduler tests that write those files.)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../core/platform/http/client.ts';
import { fakeTime } from '../support/fake-time.ts';
import { json, startLocalServer } from '../support/local-server.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { createSecretStore } from '../../core/platform/secrets/index.ts';
import { redactValue } from '../../core/platform/secrets/redact.ts';

const keychain = createSecretStore({ kind: 'keychain' });
const reachable = await keychain.probe().then(() => true, () => false);
const useKeychain = reachable || Boolean(process.env['CI']);
if (!useKeychain) console.warn('\n!!!! keychain-canary: no Secret Service reachable, using the memory store (CI uses the real keychain).\n');
const store = useKeychain ? keychain : createSecretStore({ kind: 'memory' });

const CANARY = `flowdeck-canary-${process.pid}-7f3a9c21e8`;
const REF = `test/canary-${process.pid}`;
const dir = mkdtempSync(path.join(tmpdir(), 'flowdeck-canary-'));
afterAll(async () => {
  await store.delete(REF).catch(() => false);
  rmSync(dir, { recursive: true, force: true });
});

describe('canary secret through the keychain and HTTP client', () => {
  it('never appears in logs or errors, though the vendor received it and echoed it back', async () => {
    await store.set(REF, CANARY);
    const time = fakeTime();
    const server = await startLocalServer(time.clock, (req, res, _a, i) => {
      const key = String(req.headers['x-n8n-api-key']);
      if (i < 2) json(res, 503, { message: `upstream rejected key ${key}` });
      else if (i === 2) json(res, 400, { message: `invalid cursor for api key ${key}`, headers: { 'x-n8n-api-key': key } });
      else json(res, 401, { message: `Unauthorized: ${key}` });
    });
    try {
      const logger = createMemoryLogger();
      const client = createHttpClient({
        baseUrl: server.url, clock: time.clock, sleep: time.sleep, random: () => 0.5, retries: 1, logger,
        defaultHeaders: async () => ({ 'x-n8n-api-key': (await store.get(REF)) ?? '', authorization: `Bearer ${(await store.get(REF)) ?? ''}` }),
      });
      const errors: unknown[] = [];
      for (const path of ['/api/v1/executions', '/api/v1/executions?cursor=x', '/api/v1/workflows']) {
        await client.request({ method: 'GET', path }).catch((e: unknown) => errors.push(e));
      }
      expect(errors).toHaveLength(3);
      expect(server.arrivals.map((a) => a.headers['x-n8n-api-key'])).toEqual(Array(4).fill(CANARY));

      const logFile = path.join(dir, 'flowdeck.log');
      writeFileSync(logFile, logger.lines.map((l) => JSON.stringify(l)).join('\n'));
      const errorFile = path.join(dir, 'errors.json');
      writeFileSync(errorFile, JSON.stringify(errors.map((e) => {
        const f = e as { name: string; kind: string; message: string; body: unknown; stack?: string };
        return { name: f.name, kind: f.kind, message: f.message, body: f.body, stack: f.stack };
      })));
      // Whatever the rest of the app writes goes through redactValue at its edges.
      writeFileSync(path.join(dir, 'edge.json'), JSON.stringify(redactValue({ note: `key was ${CANARY}` })));
      expect(logger.lines.length).toBeGreaterThan(0);
      for (const file of [logFile, errorFile, path.join(dir, 'edge.json')]) {
        expect(readFileSync(file).includes(Buffer.from(CANARY)), file).toBe(false);
      }
      expect(readFileSync(errorFile, 'utf8')).toContain('[redacted]');
    } finally {
      await server.close();
    }
  });
});
