// The audit names the person (issue #15): an action over a real serve socket is recorded with who did it (a stable id
// and kind), the way it came in and the peer's address — a program's bearer token is 'token' via 'api'; a person
// signed in with a password is 'user' via 'browser' (or via 'desktop' from the attached desktop app). The Audit page's filter by person reads audit/list-actors.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { CLIENT_HEADER, DESKTOP_CLIENT, systemActor } from '../../core/contract/actor.ts';
import { CoreClient } from '../../core/contract/client.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { startServer, type RunningServer } from '../../core/server/server.ts';
import { generateNamedToken, hashToken } from '../../core/server/tokens.ts';
import { cookieOf, signInJson } from './helpers/http.ts';
import { TEST_HASHING } from './helpers/users.ts';
import { makeRendererFixture, socketDuplex } from './helpers/ws.ts';

const T0 = Date.UTC(2026, 2, 12, 10);
let root: string;
let dataDir: string;
let core: Core;
let server: RunningServer;
let connectorId: string;

/** A contract client over a real WebSocket opened from `localAddress` (another loopback address than the server's). */
async function connect(localAddress: string, auth: { bearer: string } | { cookie: string }, extra: Record<string, string> = {}): Promise<CoreClient> {
  const headers: Record<string, string> = { ...('bearer' in auth ? { Authorization: `Bearer ${auth.bearer}` } : { Cookie: auth.cookie }), ...extra };
  const socket = new WebSocket(`${server.origin.replace(/^http/, 'ws')}/ws`, {
    headers, localAddress, ...('cookie' in auth ? { origin: server.origin } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    socket.once('error', reject);
  });
  const client = new CoreClient({ timeoutMs: 5_000 });
  client.attach(socketDuplex(socket));
  return client;
}

beforeAll(async () => {
  const fixture = makeRendererFixture();
  root = fixture.root;
  dataDir = mkdtempSync(path.join(tmpdir(), 'flowdeck-audit-actor-'));
  core = createCore({ dataDir, clock: fixedClock(T0), logger: createMemoryLogger(), users: { hashing: TEST_HASHING } });
  server = await startServer({ core, rendererDir: fixture.rendererDir, port: 0, launchActor: 'os-user' });
  const added = core.connectors.service.addPush('Heartbeats', systemActor('test set-up'));
  if (!added.ok) throw new Error(added.message);
  connectorId = added.connector.id;
});

afterAll(async () => {
  await server.close();
  core.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

const lastEntry = (action: string) => core.ledger.audit.list(undefined, 50).find((e) => e.action === action);

describe('the audit names who acted, how and from where', () => {
  it('records a bearer token as a token, via the api, with the address it connected from', async () => {
    const token = generateNamedToken();
    core.ledger.tokens.add('wall-script', hashToken(token), T0, 'operator');
    const client = await connect('127.0.0.3', { bearer: token });
    expect(await client.call('connectors/set-paused', { id: connectorId, paused: true })).toMatchObject({ ok: true });
    client.close();
    expect(lastEntry('connectors/pause-connector')).toMatchObject({
      actor: 'wall-script', actorId: 'token:wall-script', actorKind: 'token', via: 'api', address: '127.0.0.3', target: `connector:${connectorId}`,
    });
  });

  it('records a person signed in with a password by their user id and name, via the browser', async () => {
    const made = await core.dispatcher.dispatch('users/add-user',
      { login: 'alice', role: 'operator', displayName: 'Alice Martin', password: 'correct horse battery' }, { actor: 'test' });
    expect(made.ok).toBe(true);
    const alice = core.ledger.users.byLogin('alice')!;
    const signedIn = await signInJson(server.origin, 'alice', 'correct horse battery', '127.0.0.4');
    expect(signedIn.status).toBe(200);
    const client = await connect('127.0.0.4', { cookie: cookieOf(signedIn) });
    expect(await client.call('connectors/set-paused', { id: connectorId, paused: false })).toMatchObject({ ok: true });
    expect(lastEntry('connectors/resume-connector')).toMatchObject({
      actor: 'Alice Martin', actorId: `user:${alice.id}`, actorKind: 'user', via: 'browser', address: '127.0.0.4',
    });

    // The filter by person: who appears (newest first, with their latest name), and one person's entries only.
    const { items: people } = await client.call('audit/list-actors', {});
    expect(people.slice(0, 2)).toMatchObject([
      { actorId: `user:${alice.id}`, actor: 'Alice Martin', actorKind: 'user' },
      { actorId: 'token:wall-script', actor: 'wall-script', actorKind: 'token', entries: 1 },
    ]);
    const { items: wallOnly } = await client.call('audit/list-entries', { actorId: 'token:wall-script' });
    expect(wallOnly.map((e) => e.action)).toEqual(['connectors/pause-connector']);
    client.close();

    // The same person from the desktop app attached to this server (it says so when it opens its socket).
    const desktop = await connect('127.0.0.6', { cookie: cookieOf(signedIn) }, { [CLIENT_HEADER]: DESKTOP_CLIENT });
    expect(await desktop.call('connectors/set-paused', { id: connectorId, paused: true })).toMatchObject({ ok: true });
    desktop.close();
    expect(lastEntry('connectors/pause-connector')).toMatchObject({
      actor: 'Alice Martin', actorId: `user:${alice.id}`, actorKind: 'user', via: 'desktop', address: '127.0.0.6',
    });
  });
});
