// A canary credential for every connector kind (and the push signing secret) goes through add, test, poll, failing
// polls against a vendor that echoes it back, logs, exports and a backup; then every byte Flowdeck wrote is scanned.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../core/app.ts';
import { runCli } from '../../core/cli/run.ts';
import type { CliIo } from '../../core/cli/usage.ts';
import { createHttpClient } from '../../core/platform/http/client.ts';
import type { Logger } from '../../core/platform/logger.ts';
import { createMemorySecretStore } from '../../core/platform/secrets/memory-store.ts';
import { startPushReceiver } from '../../core/push/receiver.ts';
import { signBody, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../core/push/signing.ts';

/** A vendor that fails every call and quotes the request's credentials back in bodies and headers. */
async function echoVendor(): Promise<{ url: string; requests: number; seen: string[]; close(): Promise<void> }> {
  const state = { requests: 0, seen: [] as string[] };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    state.requests++;
    const creds = ['authorization', 'x-n8n-api-key', 'x-api-key'].map((h) => req.headers[h]).filter(Boolean).join(' ');
    state.seen.push(creds);
    const status = state.requests % 3 === 0 ? 500 : state.requests % 3 === 1 ? 401 : 403;
    const safe = creds.replace(/[^\x20-\x7e]/g, '');
    res.writeHead(status, { 'content-type': 'application/json', 'x-echo': safe.slice(0, 200), 'www-authenticate': `Bearer realm="${safe.slice(0, 200)}"` });
    res.end(JSON.stringify({ message: `Unauthorized: the key ${creds} is not valid`, code: status, detail: { seen: creds } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get requests() { return state.requests; },
    seen: state.seen,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const KINDS = [
  { kind: 'n8n', options: {} },
  { kind: 'make', options: { organizationId: '123456' } },
  { kind: 'github', options: { repos: 'octo/repo' } },
  { kind: 'zapier', options: {} },
] as const;

describe('secrets: canaries never reach the database, backups, exports, logs or answers', () => {
  it('scans every file and every captured line for every canary: 0 hits', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'flowdeck-canary-'));
    const logLines: string[] = [];
    const write = (level: string) => (message: string, fields?: Record<string, unknown>) => { logLines.push(JSON.stringify({ level, message, ...fields })); };
    const logger: Logger = { info: write('info'), warn: write('warn'), error: write('error') };
    const secrets = createMemorySecretStore();
    const core = createCore({
      dataDir, logger, backups: { autoStart: false }, alerting: { autoStart: false, secrets },
      connectors: { secrets, createHttp: (o) => createHttpClient({ ...o, sleep: () => Promise.resolve(), random: () => 0.5, timeoutMs: 3_000 }) },
    });
    const vendor = await echoVendor();
    const canaries = new Map<string, string>();
    const wire: string[] = [];
    const scans: { when: string; files: string[]; hits: string[] }[] = [];
    /** Every file under the data dir (db, -wal, -shm, backups, exports) and every captured line, for every canary. */
    const scan = (when: string) => {
      const files = filesUnder(dataDir);
      const hits: string[] = [];
      for (const [name, canary] of canaries) {
        for (const file of files) if (readFileSync(file).includes(Buffer.from(canary))) hits.push(`${name} in ${file}`);
        for (const line of [...logLines, ...wire]) if (line.includes(canary)) hits.push(`${name} in output: ${line.slice(0, 200)}`);
      }
      return { when, files: files.map((f) => f.slice(dataDir.length + 1)), hits };
    };
    const call = async (method: string, input: unknown) => {
      const r = await core.dispatcher.dispatch(method, input, { actor: 'canary' });
      wire.push(JSON.stringify(r));
      return r;
    };
    try {
      for (const { kind, options } of KINDS) {
        const canary = `canary-${kind}-${randomBytes(12).toString('hex')}`;
        canaries.set(kind, canary);
        const draft = { kind, name: `${kind} canary`, baseUrl: vendor.url, options, credential: canary };
        await call('connectors/test-connector', draft);
        const added = await call('connectors/add-connector', draft);
        expect(added).toMatchObject({ ok: true, output: { ok: true } });
        const id = ((added as { output: { connector: { id: string } } }).output).connector.id;
        for (let i = 0; i < 3; i++) await call('connectors/poll-now', { id });
        await call('connectors/set-credential', { id, credential: `${canary}-rotated` });
        await call('connectors/poll-now', { id });
        await call('connectors/test-connector', { id });
      }
      canaries.set('rotated', `${canaries.get('n8n')!}-rotated`);
      await call('connectors/list-connectors', {});
      await call('system/get-status', {});

      // The push signing secret: revealed once to the user (that answer is not scanned), then used and misused.
      const push = await call('connectors/add-push-connector', { name: 'push canary' });
      const pushId = ((push as { output: { connector: { id: string } } }).output).connector.id;
      await call('push/create-monitor', { connectorId: pushId, slug: 'nightly', name: 'Nightly' });
      const reveal = await core.dispatcher.dispatch('push/get-snippets', { connectorId: pushId, revealSecret: true }, { actor: 'canary' });
      const signing = (reveal as { output: { secret: string | null } }).output.secret;
      expect(typeof signing).toBe('string');
      canaries.set('push', signing!);
      await call('push/get-snippets', { connectorId: pushId });
      const receiver = await startPushReceiver({ core, secrets, port: 0 });
      try {
        const body = JSON.stringify({ workflow: { id: 'wf', name: 'Backup job' }, run: { id: 'r1', status: 'failed', error: 'disk full' } });
        const ts = String(Math.floor(core.clock.now() / 1000));
        for (const signature of [signBody(signing!, body, ts), signBody(`${signing!}x`, body, ts), `sha256=${signing!}`]) {
          await fetch(`${receiver.url}/hooks/${pushId}/run-finished`, {
            method: 'POST', body, headers: { [SIGNATURE_HEADER]: signature, [TIMESTAMP_HEADER]: ts, 'content-type': 'application/json' },
          });
        }
      } finally {
        await receiver.close();
      }

      // Exports and a backup, as a user would make them.
      const out: string[] = [];
      const io: CliIo = { out: (t) => { out.push(t); }, err: (t) => { out.push(t); }, stdout: process.stdout, env: {}, cwd: dataDir, waitForStop: () => new Promise(() => undefined) };
      mkdirSync(join(dataDir, 'exports'));
      for (const format of ['json', 'csv']) {
        expect(await runCli(['export', 'runs', '--format', format, '--out', join(dataDir, `exports/runs.${format}`), '--data-dir', dataDir], io)).toBe(0);
      }
      expect(await runCli(['backup', 'create', '--data-dir', dataDir], io)).toBe(0);
      await core.backups.create('manual');
      wire.push(...out);
      scans.push(scan('while open'));
    } finally {
      core.close();
      await vendor.close();
    }

    scans.push(scan('after close'));
    const hits = scans.flatMap((s) => s.hits);
    for (const s of scans) {
      console.log(`secrets (${s.when}): canaries=${canaries.size} files=${s.files.length} (${s.files.join(', ')}) log lines=${logLines.length} answers=${wire.length} hits=${s.hits.length}`);
    }
    console.log(`secrets: vendor requests=${vendor.requests}; ${hits.length === 0 ? 1 : 0} passed, ${hits.length === 0 ? 0 : 1} failed`);
    // The canaries really went out (and came back in the vendor's errors).
    for (const kind of ['n8n', 'make', 'github', 'zapier']) expect(vendor.seen.some((c) => c.includes(canaries.get(kind)!))).toBe(true);
    expect(hits).toEqual([]);
  });
});
