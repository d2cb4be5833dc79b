// Revoking a person closes their open sockets within a second (issue #15): disabling them, resetting their password,
// ending one of their sessions, whether through the contract in this process or from another connection to the same
// ledger (as `flowdeck users disable` in another process). A role change closes them too, and the console reconnects
// with the new role.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { CoreClient } from '../../core/contract/client.ts';
import type { CallContext } from '../../core/contract/handlers.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { startServer, type RunningServer } from '../../core/server/server.ts';
import { CLOSE_REVOKED, CLOSE_ROLE_CHANGED } from '../../core/server/ws-duplex.ts';
import { cookieOf, signInJson } from './helpers/http.ts';
import { TEST_HASHING } from './helpers/users.ts';
import { closed, makeRendererFixture, openSocket, socketDuplex, UpgradeRefused } from './helpers/ws.ts';

const T0 = Date.UTC(2026, 2, 11, 11);
const OWNER: CallContext = { actor: 'Olivia', role: 'owner' };
const PASSWORD = 'correct horse battery';

let root: string;
let dataDir: string;
let core: Core;
let server: RunningServer;
let other: Core | null = null;

const open = (options: { dataDir: string }) =>
  createCore({ ...options, clock: fixedClock(T0), logger: createMemoryLogger(), users: { hashing: TEST_HASHING } });

async function signedInSocket(login: string): Promise<{ socket: WebSocket; cookie: string }> {
  const answer = await signInJson(server.origin, login, PASSWORD);
  expect(answer.status).toBe(200);
  const cookie = cookieOf(answer);
  return { socket: await openSocket(server.origin, { cookie, origin: server.origin }), cookie };
}

/** Resolves with the close code, or rejects when the socket is still open after `ms`. */
function closesWithin(socket: WebSocket, ms: number): Promise<number> {
  return Promise.race([closed(socket), new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`still open after ${ms} ms`)), ms))]);
}

async function ok(c: Core, method: string, input: unknown): Promise<unknown> {
  const r = await c.dispatcher.dispatch(method, input, OWNER);
  if (!r.ok) throw new Error(r.error.message);
  return r.output;
}

beforeEach(async () => {
  const fixture = makeRendererFixture();
  root = fixture.root;
  dataDir = mkdtempSync(path.join(tmpdir(), 'flowdeck-revoke-'));
  core = open({ dataDir });
  // The sweep timer is far away: only the immediate paths can close the sockets within the second.
  server = await startServer({ core, rendererDir: fixture.rendererDir, port: 0, launchActor: 'os-user', sweepIntervalMs: 3_600_000 });
  await ok(core, 'users/add-user', { login: 'alice', role: 'operator', displayName: 'Alice', password: PASSWORD });
});

afterEach(async () => {
  other?.close();
  other = null;
  await server.close();
  core.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('revoking a person', () => {
  it('closes their socket within 1 s when they are disabled through the contract, and refuses them after', async () => {
    const { socket, cookie } = await signedInSocket('alice');
    // Elapsed time on the monotonic clock (never the date): the close must come within 1 s of the change.
    const started = performance.now();
    await ok(core, 'users/disable-user', { login: 'alice' });
    expect(await closesWithin(socket, 1_000)).toBe(CLOSE_REVOKED);
    expect(performance.now() - started).toBeLessThan(1_000);
    await expect(openSocket(server.origin, { cookie, origin: server.origin })).rejects.toBeInstanceOf(UpgradeRefused);
    expect((await signInJson(server.origin, 'alice', PASSWORD)).status).toBe(401);
  });

  it('closes their socket within 1 s when another process disables them (PRAGMA data_version)', async () => {
    const { socket } = await signedInSocket('alice');
    other = open({ dataDir });
    await ok(other, 'users/disable-user', { login: 'alice' });
    await closesWithin(socket, 1_000);
  });

  it('closes it when their password is reset, or that one session is ended; the other session lives on', async () => {
    const first = await signedInSocket('alice');
    const second = await signedInSocket('alice');
    const { sessions } = await ok(core, 'users/list-sessions', { login: 'alice' }) as { sessions: { id: string; address: string | null }[] };
    expect(sessions).toHaveLength(2);
    expect(sessions[0]).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{16}$/), address: '127.0.0.1', createdAt: T0 });
    // Which session is which: end them one by one and see which socket goes.
    expect(await ok(core, 'users/revoke-session', { login: 'alice', id: sessions[0]!.id })).toEqual({ ended: true });
    const gone = await Promise.race([closed(first.socket).then(() => first), closed(second.socket).then(() => second)]);
    const kept = gone === first ? second : first;
    expect(kept.socket.readyState).toBe(kept.socket.OPEN);
    const reset = await ok(core, 'users/reset-password', { login: 'alice', password: 'a brand new passphrase' }) as { sessionsEnded: number };
    expect(reset.sessionsEnded).toBe(1);
    await closesWithin(kept.socket, 1_000);
  });

  it('closes their socket when their role changes, and the same session comes back with the new role', async () => {
    const { socket, cookie } = await signedInSocket('alice');
    await ok(core, 'users/set-role', { login: 'alice', role: 'viewer' });
    expect(await closesWithin(socket, 1_000)).toBe(CLOSE_ROLE_CHANGED);
    const client = new CoreClient({ timeoutMs: 5_000 });
    client.attach(socketDuplex(await openSocket(server.origin, { cookie, origin: server.origin })));
    expect(await client.call('system/get-status', {})).toMatchObject({ actor: 'Alice', role: 'viewer' });
    client.close();
  });
});
