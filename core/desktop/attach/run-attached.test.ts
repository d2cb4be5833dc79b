import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSecretStore } from '../../platform/secrets/index.ts';
import { FakeTeamServer } from '../../../test/fakes/team-server/server.ts';
import type { PortLike } from '../port-duplex.ts';
import { runAttachedProcess } from './run-attached.ts';

/** Waits for an assertion to hold; generous, since a loaded machine may be slow to pass frames along. */
const until = (assertion: () => void) => vi.waitFor(assertion, { timeout: 10_000, interval: 10 });

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

function fakeParentPort() {
  const posted: { type?: string; [k: string]: unknown }[] = [];
  let listener: ((e: { data: unknown; ports: PortLike[] }) => void) | null = null;
  return {
    posted,
    send: (data: unknown, ports: PortLike[] = []) => listener?.({ data, ports }),
    port: { on: (_event: 'message', l: typeof listener) => void (listener = l), postMessage: (m: never) => void posted.push(m) },
  };
}

/** A MessagePortMain stand-in: what the core posts, and a way to post from the page. */
function fakePort() {
  const received: unknown[] = [];
  const handlers: Record<string, ((e: { data: unknown }) => void)[]> = { message: [], close: [] };
  const port = {
    started: false,
    closed: false,
    on: (event: 'message' | 'close', l: (e: { data: unknown }) => void) => void handlers[event]!.push(l),
    postMessage: (m: unknown) => void received.push(m),
    start() { this.started = true; },
    close() { this.closed = true; },
  };
  return { port: port as PortLike & typeof port, received, fromPage: (data: string) => { for (const h of handlers.message!) h({ data }); } };
}

describe('the core process attached to a team server', () => {
  it('refuses an address that is not a web address', () => {
    expect(() => runAttachedProcess(fakeParentPort().port, { serverUrl: 'flowdeck.local', secrets: createSecretStore({ kind: 'memory' }) }))
      .toThrow('The team server address in Settings is not a web address (http or https): flowdeck.local');
  });

  it('reports ready, signs in from main, relays a window, applies the pause and stops on shutdown', async () => {
    const server = await new FakeTeamServer().start();
    cleanup.push(() => server.stop());
    server.users.set('alice', { password: 'pw', displayName: 'Alice', role: 'operator' });
    const parent = fakeParentPort();
    const exit = vi.fn();
    const desktop = runAttachedProcess(parent.port, { serverUrl: server.origin, secrets: createSecretStore({ kind: 'memory' }), exit, attach: { every: () => () => undefined, now: () => server.now } });
    cleanup.push(() => desktop.stop());
    expect(parent.posted.some((m) => m.type === 'ready')).toBe(true);
    await until(() => expect(parent.posted.filter((m) => m.type === 'attach-status').at(-1)).toMatchObject({ state: 'signed-out' }));

    parent.send({ type: 'sign-in', login: 'alice', password: 'pw' });
    await until(() => expect(parent.posted).toContainEqual({ type: 'attach-status', state: 'connected', login: 'alice', message: expect.stringMatching(/as Alice\.$/) }));

    const win = fakePort();
    parent.send({ type: 'connect', actor: 'ann' }, [win.port]);
    expect(win.port.started).toBe(true);
    win.fromPage(JSON.stringify({ t: 'call', id: 1, method: 'connectors/list-connectors', input: {} }));
    await until(() => expect(win.received).toContainEqual(JSON.stringify({ t: 'result', id: 1, ok: true, output: { items: [] } })));

    parent.send({ type: 'pause-notifications', minutes: 30 });
    await until(() => expect(parent.posted.at(-1)).toMatchObject({ type: 'tray-state', pausedUntil: server.now + 30 * 60_000 }));

    parent.send({ type: 'shutdown' });
    expect(exit).toHaveBeenCalledWith(0);
    expect(win.port.closed).toBe(true);
  });
});
