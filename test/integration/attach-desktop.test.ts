// A desktop attached to a real team server (issue #15): the attach client (core/desktop/attach, plain Node) signs a
// real user in over `POST /api/sign-in`, keeps its WebSocket through a server restart, says plainly when the server
// is down, raises a notification only when the server pages its own login, relays a window as that person, and is
// signed out when the person is disabled. Real sockets on loopback, real SQLite, real argon2 (cheap costs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../core/app.ts';
import { CoreClient } from '../../core/contract/client.ts';
import type { DesktopCoreMessage } from '../../core/contract/desktop.ts';
import { parseServerAddress, startAttachedDesktop, type AttachedDesktop } from '../../core/desktop/attach/index.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createSecretStore } from '../../core/platform/secrets/index.ts';
import type { RunningServer } from '../../core/server/server.ts';
import { duplexPair } from './helpers/duplex-pair.ts';
import { makeRendererFixture } from './helpers/ws.ts';
import { restartableServer } from './helpers/restartable-server.ts';

/** Waits for an assertion to hold; generous, since a loaded machine may be slow to pass frames along. */
const until = (assertion: () => void) => vi.waitFor(assertion, { timeout: 10_000, interval: 10 });

const T0 = Date.UTC(2026, 2, 11, 11);
const OWNER = { actor: 'test' };
const PASSWORD = 'correct horse battery';

let root: string;
let rendererDir: string;
let dataDir: string;
const desktops: AttachedDesktop[] = [];

const { start, stop } = restartableServer(() => ({ dataDir, rendererDir, clock: fixedClock(T0), launchActor: 'os-user' }));

async function addUser(core: Core, login: string, role: 'viewer' | 'operator', displayName: string): Promise<void> {
  const r = await core.dispatcher.dispatch('users/add-user', { login, role, displayName, password: PASSWORD }, OWNER);
  expect(r.ok).toBe(true);
}

function attach(server: RunningServer) {
  const posted: DesktopCoreMessage[] = [];
  const desktop = startAttachedDesktop({
    address: parseServerAddress(server.origin)!, secrets: createSecretStore({ kind: 'memory' }), post: (m) => posted.push(m),
    backoff: { baseMs: 25, maxMs: 200 }, random: () => 0.5, every: () => () => undefined, now: () => T0,
  });
  desktops.push(desktop);
  const of = <T extends DesktopCoreMessage['type']>(type: T) => posted.filter((m): m is Extract<DesktopCoreMessage, { type: T }> => m.type === type);
  return { desktop, of };
}

const reaches = (d: AttachedDesktop, state: string) => vi.waitFor(() => expect(d.status.state).toBe(state), { timeout: 10_000, interval: 20 });

beforeEach(() => {
  const fixture = makeRendererFixture();
  root = fixture.root;
  rendererDir = fixture.rendererDir;
  dataDir = mkdtempSync(path.join(tmpdir(), 'flowdeck-attach-'));
});

afterEach(async () => {
  for (const d of desktops.splice(0)) d.stop();
  await stop();
  rmSync(root, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a desktop attached to a real team server', () => {
  it('signs a person in, shows the server\'s tray, reconnects after a restart and says plainly while it is down', async () => {
    const { core, server } = await start();
    await addUser(core, 'alice', 'operator', 'Alice');
    const a = attach(server);
    await reaches(a.desktop, 'signed-out');
    expect(await a.desktop.signIn('alice', 'wrong password')).toMatchObject({ state: 'signed-out' });
    expect(await a.desktop.signIn('alice', PASSWORD)).toEqual({ state: 'connected', login: 'alice', message: `Connected to the team server at 127.0.0.1:${server.port} as Alice.` });
    await until(() => expect(a.of('tray-state').at(-1)).toMatchObject({ health: 'ok', summary: 'Flowdeck: all clear', openIncidents: 0 }));
    // The People page names the session by its user agent: the desktop says what it is.
    const sessions = await core.dispatcher.dispatch('users/list-sessions', { login: 'alice' }, OWNER);
    expect(sessions.ok && sessions.output).toMatchObject({ sessions: [{ userAgent: expect.stringMatching(/^Flowdeck\/\S+ \(desktop\)$/) }] });

    const port = server.port;
    await stop();
    await reaches(a.desktop, 'unreachable');
    expect(a.desktop.status.message).toMatch(new RegExp(`^Can't reach the team server at 127\\.0\\.0\\.1:${port}\\. Trying again in \\d+ s\\.$`));

    // The same server comes back on its port; the session (in its ledger) survived, so no new sign-in is needed.
    await start(port);
    await reaches(a.desktop, 'connected');
    expect(a.desktop.status.login).toBe('alice');
  });

  it('raises a notification only when the server pages its own login', async () => {
    const { core, server } = await start();
    await addUser(core, 'alice', 'operator', 'Alice');
    await addUser(core, 'bob', 'viewer', 'Bob');
    const alice = attach(server);
    const bob = attach(server);
    await reaches(alice.desktop, 'signed-out');
    await reaches(bob.desktop, 'signed-out');
    await alice.desktop.signIn('alice', PASSWORD);
    await bob.desktop.signIn('bob', PASSWORD);
    core.events.emit('oncall/paged', { incidentId: 4, login: 'alice', reason: 'workflow-owner', title: 'Nightly sync is failing', body: '3 failed runs', route: null });
    await until(() => expect(alice.of('notify')).toEqual([{ type: 'notify', title: 'Nightly sync is failing', body: '3 failed runs', route: '#/incidents/4' }]));
    // Bob got the same event on his socket and stayed quiet.
    await new Promise((r) => setTimeout(r, 100));
    expect(bob.of('notify')).toEqual([]);
  });

  it('relays a window as the signed-in person, and a disabled person\'s desktop is signed out', async () => {
    const { core, server } = await start();
    await addUser(core, 'alice', 'operator', 'Alice');
    const a = attach(server);
    await reaches(a.desktop, 'signed-out');
    await a.desktop.signIn('alice', PASSWORD);

    const page = new CoreClient({ timeoutMs: 5_000 });
    const [pageSide, coreSide] = duplexPair();
    a.desktop.connectWindow(coreSide);
    page.attach(pageSide);
    const status = await page.call('system/get-status', {});
    expect({ actor: status.actor, role: status.role }).toEqual({ actor: 'Alice', role: 'operator' });

    expect((await core.dispatcher.dispatch('users/disable-user', { login: 'alice' }, OWNER)).ok).toBe(true);
    // The server closes the disabled person's sockets by itself (within a second); the desktop then finds its session gone.
    await reaches(a.desktop, 'signed-out');
    expect(a.desktop.status.message).toBe(`The team server at 127.0.0.1:${server.port} ended this desktop's session. Sign in again.`);
    page.close();
  });
});
