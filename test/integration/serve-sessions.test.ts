// Serve-mode sessions are kept in the ledger (issue #15): a teammate's session survives a server restart, ends after
// 7 idle days or 30 days in all, and ends with its token. The clock is pinned; the server runs on real sockets.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../core/app.ts';
import { CoreClient } from '../../core/contract/client.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '../../core/server/auth.ts';
import type { RunningServer } from '../../core/server/server.ts';
import { generateNamedToken, hashToken } from '../../core/server/tokens.ts';
import { login, makeRendererFixture, openSocket, socketDuplex, UpgradeRefused } from './helpers/ws.ts';
import { restartableServer } from './helpers/restartable-server.ts';

const T0 = Date.UTC(2026, 2, 11, 11);
const DAY = 86_400_000;

let root: string;
let rendererDir: string;
let dataDir: string;
let clock: ReturnType<typeof fixedClock>;

const { start, stop } = restartableServer(() => ({ dataDir, rendererDir, clock: clock, launchActor: 'owner' }));

/** Who the session cookie signs in as over the WebSocket, or the HTTP status refusing it. */
async function whoIs(server: RunningServer, cookie: string): Promise<{ actor: string } | number> {
  try {
    const socket = await openSocket(server.origin, { cookie, origin: server.origin });
    const client = new CoreClient({ timeoutMs: 5_000 });
    client.attach(socketDuplex(socket));
    const { actor } = await client.call('system/get-status', {});
    client.close();
    return { actor };
  } catch (error) {
    if (error instanceof UpgradeRefused) return error.status;
    throw error;
  }
}

beforeEach(() => {
  const fixture = makeRendererFixture();
  root = fixture.root;
  rendererDir = fixture.rendererDir;
  dataDir = mkdtempSync(path.join(tmpdir(), 'flowdeck-sessions-'));
  clock = fixedClock(T0);
});

afterEach(async () => {
  await stop();
  rmSync(root, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

async function signedIn(): Promise<{ server: RunningServer; core: Core; cookie: string }> {
  const { core, server } = await start();
  const token = generateNamedToken();
  core.ledger.tokens.add('alice', hashToken(token), clock.now(), 'operator');
  const cookie = await login(server.origin, token);
  return { server, core, cookie };
}

describe('serve sessions', () => {
  it('survive a restart of the server, and record where they were opened without the secret', async () => {
    const { server, core, cookie } = await signedIn();
    const port = server.port;
    const secret = cookie.split('=')[1]!;
    const stored = core.ledger.sessions.listFor('alice');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ tokenName: 'alice', address: '127.0.0.1', createdAt: T0 });
    expect(stored[0]!.secretHash).toBe(hashToken(secret));
    expect(JSON.stringify(stored)).not.toContain(secret);
    await stop();
    clock.advance(DAY);
    const again = await start(port);
    expect(await whoIs(again.server, cookie)).toEqual({ actor: 'alice' });
  });

  it('end after 7 idle days, but not when used within them', async () => {
    const { server, cookie } = await signedIn();
    clock.advance(SESSION_IDLE_MS - 60_000);
    expect(await whoIs(server, cookie)).toEqual({ actor: 'alice' });
    clock.advance(SESSION_IDLE_MS - 60_000);
    expect(await whoIs(server, cookie)).toEqual({ actor: 'alice' });
    clock.advance(SESSION_IDLE_MS + 1);
    expect(await whoIs(server, cookie)).toBe(401);
  });

  it('end 30 days after they began, however often they are used', async () => {
    const { server, core, cookie } = await signedIn();
    for (let day = 0; day < 29; day++) {
      clock.advance(DAY);
      expect(await whoIs(server, cookie)).toEqual({ actor: 'alice' });
    }
    clock.advance(SESSION_MAX_MS - 29 * DAY + 1);
    expect(await whoIs(server, cookie)).toBe(401);
    expect(core.ledger.sessions.listFor('alice')).toEqual([]);
  });

  it('end with their token, also across a restart', async () => {
    const { server, core, cookie } = await signedIn();
    const port = server.port;
    core.ledger.tokens.revoke('alice', clock.now());
    await stop();
    const again = await start(port);
    expect(await whoIs(again.server, cookie)).toBe(401);
  });
});
