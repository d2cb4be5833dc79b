// An attached desktop keeps its team-server session in the REAL system keychain (gnome-keyring over the D-Bus Secret
// Service), never the password. `npm test` runs vitest inside a keyring session (scripts/test-all.sh). To run just
// this file:  dbus-run-session -- bash -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets \
//   >/dev/null; npx vitest run test/integration/attach-keychain.test.ts'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { DesktopCoreMessage } from '../../core/contract/desktop.ts';
import { startAttachedDesktop, parseServerAddress, type AttachedDesktop } from '../../core/desktop/attach/index.ts';
import { sessionRef } from '../../core/desktop/attach/session-store.ts';
import { createSecretStore } from '../../core/platform/secrets/index.ts';
import { FakeTeamServer } from '../fakes/team-server/server.ts';

/** Waits for an assertion to hold; generous, since a loaded machine may be slow to pass frames along. */
const until = (assertion: () => void) => vi.waitFor(assertion, { timeout: 10_000, interval: 10 });

const SERVICE = `Flowdeck-test-attach-${process.pid}`;
const keychain = () => createSecretStore({ kind: 'keychain', service: SERVICE });
const reachable = await keychain().probe().then(() => null, (e: unknown) => (e instanceof Error ? e.message : String(e)));
const mustRun = Boolean(process.env['CI']);
if (reachable !== null && !mustRun) {
  console.warn(`\n!!!! SKIPPING the attached desktop's real-keychain test: no Secret Service is reachable here (${reachable}).\n`);
}

describe.skipIf(reachable !== null && !mustRun)('attached desktop session in the real keychain', () => {
  const server = new FakeTeamServer();
  const running: AttachedDesktop[] = [];
  server.users.set('alice', { password: 'pw-never-kept-3141', displayName: 'Alice', role: 'operator' });
  afterEach(() => { for (const d of running.splice(0)) d.stop(); });
  afterAll(async () => {
    await keychain().delete(sessionRef(parseServerAddress(server.origin)!)).catch(() => false);
    await server.stop();
  });

  const start = () => {
    const posted: DesktopCoreMessage[] = [];
    const d = startAttachedDesktop({ address: parseServerAddress(server.origin)!, secrets: keychain(), post: (m) => posted.push(m), backoff: { baseMs: 20, maxMs: 100 }, every: () => () => undefined });
    running.push(d);
    return d;
  };

  it('stores the session from sign-in, reads it back on the next start, and forgets it on sign-out', async () => {
    await server.start();
    const ref = sessionRef(parseServerAddress(server.origin)!);
    const first = start();
    await until(() => expect(first.status.state).toBe('signed-out'));
    expect(await first.signIn('alice', 'pw-never-kept-3141')).toMatchObject({ state: 'connected' });

    // Read straight from the keychain with a store of its own: the session secret the server handed out, no password.
    const kept = await keychain().get(ref);
    expect(kept).not.toBeNull();
    expect(kept).not.toContain('pw-never-kept-3141');
    const session = JSON.parse(kept!) as { login: string; secret: string };
    expect(session.login).toBe('alice');
    expect(server.sessions.get(session.secret)).toBe('alice');
    first.stop();

    // A new start (a new process would do the same) signs in from the keychain alone.
    const second = start();
    await until(() => expect(second.status).toMatchObject({ state: 'connected', login: 'alice' }));
    expect(server.signIns).toHaveLength(1);

    await second.signOut();
    expect(await keychain().get(ref)).toBeNull();
  });
});
