// Every contract method declares a permission, and serve mode enforces it per token role over real sockets: each
// role is allowed or refused exactly as METHOD_PERMISSIONS says, before the handler runs (issue #15).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { CoreClient } from '../../core/contract/client.ts';
import { CoreError } from '../../core/contract/errors.ts';
import { handlerSchemas, type Method } from '../../core/contract/handlers.ts';
import { METHOD_PERMISSIONS, roleAllows, ROLES, type Role } from '../../core/contract/permissions.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { startServer, type RunningServer } from '../../core/server/server.ts';
import { generateNamedToken, hashToken } from '../../core/server/tokens.ts';
import { makeRendererFixture, openSocket, socketDuplex } from './helpers/ws.ts';

const T0 = Date.UTC(2026, 2, 11, 11);
const METHODS = Object.keys(handlerSchemas) as Method[];

let root: string;
let dataDir: string;
let core: Core;
let server: RunningServer;
const clients = new Map<Role, CoreClient>();

beforeAll(async () => {
  const fixture = makeRendererFixture();
  root = fixture.root;
  dataDir = mkdtempSync(path.join(tmpdir(), 'flowdeck-perm-'));
  core = createCore({ dataDir, logger: createMemoryLogger() });
  server = await startServer({ core, rendererDir: fixture.rendererDir, port: 0, launchActor: 'owner' });
  for (const role of ROLES) {
    let token = server.launchToken;
    if (role !== 'owner') {
      token = generateNamedToken();
      core.ledger.tokens.add(`${role}-token`, hashToken(token), T0, role);
    }
    const client = new CoreClient({ timeoutMs: 10_000 });
    client.attach(socketDuplex(await openSocket(server.origin, { bearer: token })));
    clients.set(role, client);
  }
});

afterAll(async () => {
  for (const c of clients.values()) c.close();
  await server.close();
  core.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * The kind of error a call with an impossible input gets: `forbidden` when the role lacks the permission (checked
 * first), else `validation` (the call passed the gate and its input was read). No handler runs either way.
 */
async function gate(role: Role, method: Method): Promise<string> {
  try {
    await clients.get(role)!.call(method, 42 as never);
    return 'ran';
  } catch (error) {
    return error instanceof CoreError ? error.kind : 'unexpected';
  }
}

describe('permissions', () => {
  it('declares a permission for every method of the contract, and nothing else', () => {
    expect(Object.keys(METHOD_PERMISSIONS).sort()).toEqual([...METHODS].sort());
    for (const m of METHODS) expect(['read', 'operate', 'admin']).toContain(METHOD_PERMISSIONS[m]);
  });

  it('keeps every change away from a viewer and the setup away from an operator', () => {
    for (const m of METHODS) {
      if (handlerSchemas[m].write) expect(METHOD_PERMISSIONS[m], m).not.toBe('read');
    }
    expect(roleAllows('viewer', 'operate')).toBe(false);
    expect(roleAllows('operator', 'admin')).toBe(false);
  });

  it.each(ROLES)('enforces every method for the %s over a real socket', async (role) => {
    const outcomes = await Promise.all(METHODS.map(async (m) => [m, await gate(role, m)] as const));
    const expected = METHODS.map((m) => [m, roleAllows(role, METHOD_PERMISSIONS[m]) ? 'validation' : 'forbidden'] as const);
    expect(outcomes).toEqual(expected);
  });

  it.each(ROLES)('tells the %s its own role in system/get-status', async (role) => {
    expect((await clients.get(role)!.call('system/get-status', {})).role).toBe(role);
  });

  it('says in plain words what the caller lacks and who can help', async () => {
    const error = await clients.get('viewer')!.call('incidents/acknowledge-incident', { id: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoreError);
    expect((error as CoreError).message).toBe('Your access is Viewer, and this needs an Operator. Ask the owner of this Flowdeck for that role.');
  });
});
