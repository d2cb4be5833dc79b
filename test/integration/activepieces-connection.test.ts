import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../support/closed-after-each.ts';
import { activepiecesHarness } from '../fakes/activepieces/harness.ts';

// Adding an Activepieces connector through the contract, against the fake over real HTTP: "Test connection" gives a
// specific verdict for each way it can go wrong (docs/vendors.md A1, A2, A9), and a good draft is saved and polled.

const harness = closedAfterEach(activepiecesHarness);

/** A loopback server that answers every request with `body` (another API, or nothing at all). */
async function otherServer(body: string | null) {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body ?? '{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('Activepieces: test connection and add', () => {
  it('a good key and project: counts the flows and checks run history', async () => {
    const h = await harness();
    const outcome = await h.api.call('connectors/test-connector', h.draft());
    expect(outcome).toEqual({ ok: true, workflows: 3, message: `Connected to Activepieces: 3 flows in project ${h.projectId}, run history readable.` });
    // A1: the key went as a Bearer token to /api/v1, naming the project (A2).
    expect(h.fake.log.map((r) => `${r.method} ${r.path.split('?')[0]} ${r.status}`)).toEqual(['GET /api/v1/flows 200', 'GET /api/v1/flow-runs 200']);
    expect(h.fake.log[0]!.path).toContain(`projectId=${h.projectId}`);
  });

  it('a bad key, a key of the wrong shape, a project of another platform', async () => {
    const h = await harness();
    expect(await h.api.call('connectors/test-connector', h.draft({ credential: 'sk-revoked0000000000000000000' }))).toEqual({
      ok: false, reason: 'credentials_rejected',
      message: 'Activepieces rejected the API key (401: invalid api key): it may be mistyped or deleted. Create one in the Activepieces Platform Dashboard → API Keys and paste it in Connectors.',
    });
    expect(await h.api.call('connectors/test-connector', h.draft({ credential: 'eyJhbGciOiJIUzI1NiJ9.session' })))
      .toMatchObject({ ok: false, reason: 'credentials_rejected', message: expect.stringContaining('Activepieces API keys start with "sk-"') });
    const elsewhere = h.fake.state.addProject('platform00000000000002');
    expect(await h.api.call('connectors/test-connector', h.draft({ projectId: elsewhere }))).toEqual({
      ok: false, reason: 'credentials_rejected',
      message: `Activepieces refused access to project ${elsewhere} (403: invalid project id and platform id): the project id may be wrong, or the project is not on the API key's platform.`,
    });
  });

  it('the wrong server: another API, a path that is not the API, a login page, nothing listening', async () => {
    const h = await harness();
    const other = await otherServer('{"version":"1.2.3"}');
    try {
      expect(await h.api.call('connectors/test-connector', h.draft({ baseUrl: other.url })))
        .toMatchObject({ ok: false, reason: 'wrong_server', message: expect.stringContaining('not like the Activepieces API') });
    } finally {
      await other.close();
    }
    expect(await h.api.call('connectors/test-connector', h.draft({ baseUrl: `${h.fake.url}/some/app` }))).toMatchObject({ ok: false, reason: 'wrong_server' });
    h.fake.plan.add({ kind: 'html' });
    expect(await h.api.call('connectors/test-connector', h.draft())).toMatchObject({ ok: false, reason: 'wrong_server' });
    const closed = await otherServer(null);
    await closed.close();
    expect(await h.api.call('connectors/test-connector', h.draft({ baseUrl: closed.url }))).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it('the project id is required by the form (A2)', async () => {
    const h = await harness();
    const draft = h.draft();
    expect(await h.api.call('connectors/test-connector', { ...draft, options: {} }))
      .toMatchObject({ ok: false, reason: 'error', message: expect.stringContaining('Project id is required for Activepieces') });
  });

  it('adds the connector: the key goes to the keychain and the first poll lists the flows', async () => {
    const h = await harness();
    const added = await h.api.call('connectors/add-connector', h.draft());
    if (!added.ok) throw new Error(added.message);
    expect(added.message).toBe('Saved "Activepieces". Its API key is in the system keychain.');
    h.core.connectors.scheduler.start();
    await h.advance(0);
    const { items } = await h.api.call('workflows/list-workflows', { connectorId: added.connector.id });
    expect(items.map((w) => [w.name, w.active]).sort()).toEqual([['Invoices to accounting', true], ['Shop orders to Sheets', true], ['Weekly digest', false]]);
    const listed = await h.api.call('connectors/list-connectors', {});
    expect(listed.items.find((c) => c.id === added.connector.id)).toMatchObject({ kind: 'activepieces', health: 'ok', budget: { limit: 60, windowMs: 60_000 } });
  });
});
