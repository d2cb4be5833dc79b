import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DesktopCoreMessage } from '../../contract/desktop.ts';
import type { Duplex } from '../../contract/protocol.ts';
import { createSecretStore } from '../../platform/secrets/index.ts';
import { FakeTeamServer } from '../../../test/fakes/team-server/server.ts';
import { startAttachedDesktop, type AttachedDesktop } from './attached-desktop.ts';
import { parseServerAddress } from './server-address.ts';
import { sessionRef } from './session-store.ts';

/** Waits for an assertion to hold; generous, since a loaded machine may be slow to pass frames along. */
const until = (assertion: () => void) => vi.waitFor(assertion, { timeout: 10_000, interval: 10 });

const FAST = { baseMs: 20, maxMs: 100 };
const running: { stop(): unknown }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
});

async function server(): Promise<FakeTeamServer> {
  const s = new FakeTeamServer();
  s.users.set('alice', { password: 'correct horse', displayName: 'Alice', role: 'operator' });
  s.users.set('bob', { password: 'battery staple', displayName: 'Bob', role: 'viewer' });
  running.push(s);
  return s.start();
}

function attach(s: FakeTeamServer, secrets = createSecretStore({ kind: 'memory' })) {
  const posted: DesktopCoreMessage[] = [];
  const address = parseServerAddress(`${s.origin}/some/page?x=1`)!;
  const desktop = startAttachedDesktop({ address, secrets, post: (m) => posted.push(m), backoff: FAST, random: () => 0.5, every: () => () => undefined, now: () => s.now });
  running.push(desktop);
  const of = <T extends DesktopCoreMessage['type']>(type: T) => posted.filter((m): m is Extract<DesktopCoreMessage, { type: T }> => m.type === type);
  return { desktop, posted, secrets, address, of, lastTray: () => of('tray-state').at(-1) };
}

const state = (d: AttachedDesktop, want: string) => vi.waitFor(() => expect(d.status.state).toBe(want), { timeout: 10_000, interval: 10 });

describe('attached desktop (against a fake team server)', () => {
  it('reads a server address down to its origin and refuses what is not one', () => {
    expect(parseServerAddress(' https://flowdeck.example.com/#/runs ')).toEqual({ origin: 'https://flowdeck.example.com', label: 'flowdeck.example.com' });
    expect(parseServerAddress('ftp://x')).toBeNull();
    expect(parseServerAddress('https://user:pw@x.example')).toBeNull();
    expect(parseServerAddress('not a url')).toBeNull();
  });

  it('signs in, keeps the session (never the password) and counts the tray from the server', async () => {
    const s = await server();
    s.facts = { failing: 2, late: 0, needsAttention: 2, openIncidents: 1, connectorsNeedingAttention: 0 };
    const a = attach(s);
    await state(a.desktop, 'signed-out');
    expect(a.desktop.status.message).toBe(`Not signed in to the team server at 127.0.0.1:${s.port}. Sign in to see its workflows.`);

    const wrong = await a.desktop.signIn('alice', 'wrong');
    expect(wrong).toMatchObject({ state: 'signed-out', message: 'Wrong login or password.' });
    expect(a.secrets.entries().size).toBe(0);

    const ok = await a.desktop.signIn('Alice', 'correct horse');
    expect(ok).toEqual({ state: 'connected', message: `Connected to the team server at 127.0.0.1:${s.port} as Alice.`, login: 'alice' });
    const kept = a.secrets.entries().get(sessionRef(a.address))!;
    expect(JSON.parse(kept)).toMatchObject({ login: 'alice', cookieName: s.cookieName });
    expect(kept).not.toContain('correct horse');
    expect(s.sessions.has(JSON.parse(kept).secret)).toBe(true);
    expect(a.lastTray()).toMatchObject({ health: 'failing', openIncidents: 1, needsAttention: 2, summary: 'Flowdeck: 2 failing, 1 open incident' });

    // A change on the server moves the tray (ledger/changed on a tray table); one on another table does not ask again.
    s.facts = { ...s.facts, failing: 0, needsAttention: 0, openIncidents: 0 };
    s.emit('ledger/changed', { tables: ['audit_log'], connectorId: null });
    s.emit('ledger/changed', { tables: ['incidents'], connectorId: null });
    await until(() => expect(a.lastTray()).toMatchObject({ health: 'ok', summary: 'Flowdeck: all clear' }));
  });

  it('a later start uses the kept session without asking again', async () => {
    const s = await server();
    const first = attach(s);
    await state(first.desktop, 'signed-out');
    await first.desktop.signIn('bob', 'battery staple');
    first.desktop.stop();
    const second = attach(s, first.secrets);
    await state(second.desktop, 'connected');
    expect(second.desktop.status.login).toBe('bob');
    expect(s.signIns).toHaveLength(1);
  });

  it('says plainly when the server is down, and reconnects on its own after it restarts', async () => {
    const s = await server();
    const a = attach(s);
    await state(a.desktop, 'signed-out');
    await a.desktop.signIn('alice', 'correct horse');
    expect(s.connections).toBe(1);

    await s.stop();
    await state(a.desktop, 'unreachable');
    expect(a.desktop.status.message).toMatch(new RegExp(`^Can't reach the team server at 127\\.0\\.0\\.1:${s.port}\\. Trying again in \\d+ s\\.$`));
    expect(a.lastTray()?.summary).toMatch(/^Flowdeck: Can't reach the team server at /);
    expect(a.lastTray()?.health).toBe('warning');
    // It keeps trying while the server is away, without growing past the bound.
    await new Promise((r) => setTimeout(r, 300));
    expect(a.of('attach-status').filter((m) => m.state === 'unreachable').length).toBeGreaterThan(2);

    s.facts = { ...s.facts, late: 1 };
    await s.start();
    await state(a.desktop, 'connected');
    expect(s.connections).toBe(1);
    await until(() => expect(a.lastTray()).toMatchObject({ health: 'warning', summary: 'Flowdeck: 1 late' }));
  });

  it('with a kept session and no server at all, it is unreachable (not signed out)', async () => {
    const s = await server();
    const a = attach(s);
    await state(a.desktop, 'signed-out');
    await a.desktop.signIn('alice', 'correct horse');
    a.desktop.stop();
    await s.stop();
    const again = attach(s, a.secrets);
    await state(again.desktop, 'unreachable');
    expect(again.desktop.status.login).toBe('alice');
  });

  it('raises a notification only when the server pages its own login, and not while paused from the tray', async () => {
    const s = await server();
    const a = attach(s);
    await state(a.desktop, 'signed-out');
    await a.desktop.signIn('alice', 'correct horse');
    const page = (login: string, incidentId: number) => ({ incidentId, login, reason: 'on-duty', title: `Incident ${incidentId}`, body: 'Nightly sync failed', route: null });
    s.emit('oncall/paged', page('bob', 1));
    s.emit('oncall/paged', page('ALICE', 2));
    s.emit('notifications/raised', { incidentId: 3, title: 'Server-wide', body: 'x', severity: 'warning' });
    await until(() => expect(a.of('notify')).toHaveLength(1));
    expect(a.of('notify')[0]).toEqual({ type: 'notify', title: 'Incident 2', body: 'Nightly sync failed', route: '#/incidents/2' });

    expect(a.desktop.receive({ type: 'pause-notifications', minutes: 60 })).toBe(true);
    s.emit('oncall/paged', page('alice', 4));
    await until(() => expect(a.lastTray()?.pausedUntil).toBe(s.now + 60 * 60_000));
    expect(a.desktop.receive({ type: 'resume-notifications' })).toBe(true);
    s.emit('oncall/paged', { ...page('alice', 5), route: '#/incidents/5' });
    await until(() => expect(a.of('notify').map((n) => n.title)).toEqual(['Incident 2', 'Incident 5']));
  });

  it('a session the server no longer knows signs the desktop out and is forgotten from the keychain', async () => {
    const s = await server();
    const a = attach(s);
    await state(a.desktop, 'signed-out');
    await a.desktop.signIn('alice', 'correct horse');
    s.sessions.clear();
    await s.stop();
    await s.start();
    await state(a.desktop, 'signed-out');
    expect(a.desktop.status.message).toBe(`The team server at 127.0.0.1:${s.port} ended this desktop's session. Sign in again.`);
    expect(a.secrets.entries().size).toBe(0);
  });

  it('without a keychain it keeps no sign-in: it says why, and ends the session it was given on the server', async () => {
    const s = await server();
    const secrets = createSecretStore({ kind: 'memory' });
    secrets.setUnavailable('the keychain is locked');
    const a = attach(s, secrets);
    await state(a.desktop, 'signed-out');
    expect(a.desktop.status.message).toBe("Can't keep the sign-in: Flowdeck could not reach the system keychain (the keychain is locked). Credentials are not stored anywhere else; unlock or install a keychain and try again.");
    expect(await a.desktop.signIn('alice', 'correct horse')).toMatchObject({ state: 'signed-out', message: expect.stringMatching(/^Can't keep the sign-in: /) });
    expect(s.signIns).toHaveLength(1);
    expect(s.sessions.size).toBe(0);
    expect(s.connections).toBe(0);
  });

  it('signing out ends the session on the server and forgets it here', async () => {
    const s = await server();
    const a = attach(s);
    await state(a.desktop, 'signed-out');
    await a.desktop.signIn('alice', 'correct horse');
    await a.desktop.signOut();
    expect(a.desktop.status.state).toBe('signed-out');
    expect(s.sessions.size).toBe(0);
    expect(a.secrets.entries().size).toBe(0);
    await until(() => expect(s.connections).toBe(0));
  });

  it('carries a window\'s frames to the server over a socket of its own', async () => {
    const s = await server();
    const a = attach(s);
    await state(a.desktop, 'signed-out');
    await a.desktop.signIn('alice', 'correct horse');
    const frames: string[] = [];
    const win = windowDuplex(frames);
    a.desktop.connectWindow(win.duplex);
    // The page calls at once; the frame waits for the window's own socket to open.
    win.fromPage(JSON.stringify({ t: 'call', id: 7, method: 'incidents/list-incidents', input: {} }));
    await until(() => expect(frames.map((f) => JSON.parse(f))).toContainEqual({ t: 'result', id: 7, ok: true, output: { items: [], openCount: 0 } }));
    expect(s.connections).toBe(2);
    await a.desktop.signOut();
    expect(win.closed()).toBe(true);
  });

  it('a window whose server socket goes away is closed, so the page asks again', async () => {
    const s = await server();
    const a = attach(s);
    await state(a.desktop, 'signed-out');
    await a.desktop.signIn('alice', 'correct horse');
    const win = windowDuplex([]);
    a.desktop.connectWindow(win.duplex);
    await until(() => expect(s.connections).toBe(2));
    await s.stop();
    await until(() => expect(win.closed()).toBe(true));
  });

  it('a window asking while signed out is closed at once', async () => {
    const s = await server();
    const a = attach(s);
    await state(a.desktop, 'signed-out');
    const win = windowDuplex([]);
    a.desktop.connectWindow(win.duplex);
    expect(win.closed()).toBe(true);
  });
});

function windowDuplex(received: string[]): { duplex: Duplex; fromPage(frame: string): void; closed(): boolean } {
  const messages: ((f: string) => void)[] = [];
  const closes: (() => void)[] = [];
  let isClosed = false;
  return {
    duplex: {
      send: (f) => void received.push(f),
      onMessage: (l) => void messages.push(l),
      onClose: (l) => void closes.push(l),
      close: () => {
        if (isClosed) return;
        isClosed = true;
        for (const l of closes) l();
      },
    },
    fromPage: (f) => { for (const l of messages) l(f); },
    closed: () => isClosed,
  };
}

