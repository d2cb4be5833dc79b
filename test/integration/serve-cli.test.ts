// `flowdeck serve` as a process: the printed link, remote-access warning, demo estate, graceful stop.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreClient } from '../../core/contract/client.ts';
import { runCli, startServe } from './helpers/cli.ts';
import { login, makeRendererFixture, openSocket, socketDuplex } from './helpers/ws.ts';

let tmp: string;
let rendererDir: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'flowdeck-serve-cli-'));
  rendererDir = makeRendererFixture().rendererDir;
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  rmSync(path.dirname(rendererDir), { recursive: true, force: true });
});

async function status(origin: string, token: string) {
  const cookie = await login(origin, token);
  const client = new CoreClient({ timeoutMs: 5_000 });
  client.attach(socketDuplex(await openSocket(origin, { cookie, origin })));
  try {
    return await client.call('system/get-status', {});
  } finally {
    client.close();
  }
}

describe('flowdeck serve', () => {
  it('prints a token link on 127.0.0.1 that works, and stops cleanly on SIGTERM', async () => {
    const serve = await startServe(['--port', '0', '--data-dir', path.join(tmp, 'data'), '--renderer-dir', rendererDir]);
    try {
      expect(serve.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(serve.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const page = await fetch(`${serve.origin}/`, { headers: { cookie: await login(serve.origin, serve.token) } });
      expect(page.status).toBe(200);
      expect((await status(serve.origin, serve.token)).demo).toBe(false);
    } finally {
      expect(await serve.stop()).toBe(0);
    }
    expect(serve.stderr()).toContain('Flowdeck stopped.');
    await expect(fetch(`${serve.origin}/`)).rejects.toThrow();
  });

  it('listens on a network address only with --allow-remote, and warns about it', async () => {
    const serve = await startServe(['--host', '0.0.0.0', '--allow-remote', '--port', '0', '--data-dir', path.join(tmp, 'remote'),
      '--renderer-dir', rendererDir]);
    try {
      await serve.stderrMatching(/WARNING: Flowdeck is listening on 0\.0\.0\.0:\d+, reachable from other machines/);
      expect((await fetch(`${serve.origin}/?token=${serve.token}`, { redirect: 'manual' })).status).toBe(303);
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });

  it('--demo opens a freshly seeded demo ledger beside the data dir, never the data dir itself', async () => {
    const dataDir = path.join(tmp, 'demo-case', 'data');
    const demoDir = path.join(tmp, 'demo-case', 'demo-data');
    // Both starts seed the same month: pinned to one instant (mid-slot, so no scheduled run is due in the first seconds).
    const pinned = { FLOWDECK_DEMO_NOW: '2026-03-11T10:31:07Z' };
    const first = await startServe(['--demo', '--port', '0', '--data-dir', dataDir, '--renderer-dir', rendererDir], pinned);
    let runs: number;
    try {
      const s = await status(first.origin, first.token);
      expect(s.demo).toBe(true);
      expect(s.counts.runs).toBeGreaterThan(100);
      expect(s.counts.workflows).toBeGreaterThanOrEqual(20);
      runs = s.counts.runs;
    } finally {
      expect(await first.stop()).toBe(0);
    }
    expect(existsSync(path.join(demoDir, 'flowdeck.db'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'flowdeck.db'))).toBe(false);
    // Recreated at every start: the ledger does not grow from one start to the next.
    const second = await startServe(['--demo', '--port', '0', '--data-dir', dataDir, '--renderer-dir', rendererDir], pinned);
    try {
      expect((await status(second.origin, second.token)).counts.runs).toBe(runs);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });

  it('FLOWDECK_DEMO_NOW starts the demo\'s clock at that instant; the status reports the core\'s time', async () => {
    const startAt = Date.UTC(2026, 2, 29, 1, 30);
    // Elapsed time on the monotonic clock: the bound holds on any date.
    const started = performance.now();
    const serve = await startServe(['--demo', '--port', '0', '--data-dir', path.join(tmp, 'pinned', 'data'), '--renderer-dir', rendererDir],
      { FLOWDECK_DEMO_NOW: '2026-03-29T01:30:00Z' });
    try {
      const s = await status(serve.origin, serve.token);
      expect(s.now).toBeGreaterThanOrEqual(startAt);
      expect(s.now).toBeLessThanOrEqual(startAt + Math.ceil(performance.now() - started));
      expect(s.lastIngestAt).toBeLessThanOrEqual(s.now);
      await serve.stderrMatching(/Demo clock: starts at 2026-03-29T01:30:00\.000Z \(FLOWDECK_DEMO_NOW\)/);
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });

  it('a FLOWDECK_DEMO_NOW that is not an instant stops --demo with a plain message, and is ignored without --demo', async () => {
    const dataDir = path.join(tmp, 'bad-now', 'data');
    const res = await runCli(['serve', '--demo', '--port', '0', '--data-dir', dataDir, '--renderer-dir', rendererDir], { FLOWDECK_DEMO_NOW: 'tomorrow' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("FLOWDECK_DEMO_NOW must be a date and time with a zone, such as 2026-03-11T10:30:00Z, not 'tomorrow'.");
    expect(res.stderr).not.toMatch(/\bat \S+\.ts:\d+/);
    const plain = await startServe(['--port', '0', '--data-dir', dataDir, '--renderer-dir', rendererDir], { FLOWDECK_DEMO_NOW: 'tomorrow' });
    try {
      const s = await status(plain.origin, plain.token);
      expect(s.demo).toBe(false);
      expect(Math.abs(s.now - Date.now())).toBeLessThan(60_000);
    } finally {
      expect(await plain.stop()).toBe(0);
    }
  });

  it('--demo refuses to wipe a demo-data directory it did not create', async () => {
    const dataDir = path.join(tmp, 'foreign', 'data');
    const foreign = path.join(tmp, 'foreign', 'demo-data');
    mkdirSync(foreign, { recursive: true });
    writeFileSync(path.join(foreign, 'precious.txt'), 'keep me');
    await expect(startServe(['--demo', '--port', '0', '--data-dir', dataDir])).rejects.toThrow(/not a Flowdeck demo directory/);
    expect(existsSync(path.join(foreign, 'precious.txt'))).toBe(true);
  });
});
