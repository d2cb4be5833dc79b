// Failed sign-ins are rate-limited per address and audited (never with the token tried); revoking a named token
// from another process (`flowdeck tokens revoke`) closes that token's idle sockets at once, not at the next sweep.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { startServer, type RunningServer } from '../../core/server/server.ts';
import { generateNamedToken, hashToken } from '../../core/server/tokens.ts';
import { openDatabase } from '../../core/store/db.ts';
import { TokensRepo } from '../../core/store/tokens-repo.ts';
import { closed, makeRendererFixture, openSocket, type UpgradeRefused } from './helpers/ws.ts';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
let root: string;
let dataDir: string;
let core: Core;
let server: RunningServer;
const clock = fixedClock(T0);

beforeAll(async () => {
  const fixture = makeRendererFixture();
  root = fixture.root;
  dataDir = mkdtempSync(path.join(tmpdir(), 'flowdeck-auth-limits-'));
  core = createCore({ dataDir, clock, logger: createMemoryLogger() });
  server = await startServer({ core, rendererDir: fixture.rendererDir, port: 0, launchActor: 'owner' });
});

afterAll(async () => {
  await server.close();
  core.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

const signIn = (token: string) => fetch(`${server.origin}/?token=${encodeURIComponent(token)}`, { redirect: 'manual' });

describe('failed sign-ins', () => {
  it('are audited without the token, and after 10 in a minute the address waits, even with the right token', async () => {
    const guesses = Array.from({ length: 10 }, (_, i) => `guess-${i}-${'x'.repeat(30)}`);
    for (const g of guesses) expect((await signIn(g)).status).toBe(401);
    const blocked = await signIn(server.launchToken);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.text()).toMatch(/Too many failed sign-ins/);
    const bearer = await fetch(`${server.origin}/`, { headers: { authorization: `Bearer ${server.launchToken}` } });
    expect(bearer.status).toBe(429);
    const ws = await openSocket(server.origin, { bearer: server.launchToken }).then(() => 0, (e: unknown) => (e as UpgradeRefused).status);
    expect(ws).toBe(429);

    const audit = core.ledger.audit.list(undefined, 50).filter((e) => e.action.startsWith('serve/sign-in-'));
    expect(audit.filter((e) => e.action === 'serve/sign-in-failed')).toHaveLength(10);
    expect(audit.filter((e) => e.action === 'serve/sign-in-blocked')).toHaveLength(1);
    expect(audit[0]!.target).toMatch(/127\.0\.0\.1/);
    const text = JSON.stringify(audit);
    for (const g of guesses) expect(text).not.toContain(g);

    clock.advance(61_000);
    expect((await signIn(server.launchToken)).status).toBe(303);
  });
});

describe('revocation', () => {
  it('closes an idle socket of a token revoked by another process at once', async () => {
    const token = generateNamedToken();
    core.ledger.tokens.add('bob', hashToken(token), T0, 'viewer');
    const idle = await openSocket(server.origin, { bearer: token });
    const ended = closed(idle);
    const other = openDatabase({ path: path.join(dataDir, 'flowdeck.db'), backupBeforeMigration: false });
    const started = performance.now();
    try {
      expect(new TokensRepo(other).revoke('bob', T0 + 1)).toBe(true);
    } finally {
      other.close();
    }
    const code = await Promise.race([ended, new Promise<number>((resolve) => setTimeout(() => resolve(-2), 3_000))]);
    expect(code).toBe(4401);
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
