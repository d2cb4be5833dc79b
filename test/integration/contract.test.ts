// One contract suite, run over every transport the core serves: in-process and serve mode's WebSocket.
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { CoreClient } from '../../core/contract/client.ts';
import { CoreError } from '../../core/contract/errors.ts';
import type { EventName, EventPayload } from '../../core/contract/events.ts';
import type { Duplex } from '../../core/contract/protocol.ts';
import type { RunFilter, RunSummary } from '../../core/contract/runs.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { duplexPair } from '../../core/rpc/in-process.ts';
import { startServer } from '../../core/server/server.ts';
import { seedLedger, seedRecords, T0 } from './helpers/ledger.ts';
import { login, makeRendererFixture, openSocket, socketDuplex } from './helpers/ws.ts';

interface Harness {
  client: CoreClient;
  /** The client's end of the transport, for sending raw frames and watching protocol errors. */
  duplex: Duplex;
  /** The actor the core sees for this client. */
  actor: string;
  close(): Promise<void>;
}

type MakeHarness = (core: Core) => Promise<Harness>;

const inProcess: MakeHarness = async (core) => {
  const [clientEnd, coreEnd] = duplexPair();
  core.connect(coreEnd, { actor: 'in-process tester' });
  const client = new CoreClient({ timeoutMs: 5_000 });
  client.attach(clientEnd);
  return { client, duplex: clientEnd, actor: 'in-process tester', close: async () => client.close() };
};

const webSocket: MakeHarness = async (core) => {
  const fixture = makeRendererFixture();
  const server = await startServer({ core, rendererDir: fixture.rendererDir, port: 0, launchActor: 'serve owner' });
  const cookie = await login(server.origin, server.launchToken);
  const socket = await openSocket(server.origin, { cookie, origin: server.origin });
  const duplex = socketDuplex(socket);
  const client = new CoreClient({ timeoutMs: 5_000 });
  client.attach(duplex);
  return {
    client, duplex, actor: 'serve owner',
    close: async () => {
      client.close();
      await server.close();
      rmSync(fixture.root, { recursive: true, force: true });
    },
  };
};

function nextEvent<E extends EventName>(client: CoreClient, name: E): Promise<EventPayload<E>> {
  return new Promise((resolve) => {
    const off = client.on(name, (payload) => { off(); resolve(payload); });
  });
}

async function rejection(promise: Promise<unknown>): Promise<CoreError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(CoreError);
  return error as CoreError;
}

const newestFirst = (a: RunSummary, b: RunSummary) => (b.startedAt! - a.startedAt!) || (b.id - a.id);

function contractSuite(transport: string, makeHarness: MakeHarness): void {
  describe(`contract over ${transport}`, () => {
    let core: Core;
    let h: Harness;
    let all: RunSummary[];

    const pageThrough = async (filter: RunFilter, limit: number): Promise<RunSummary[]> => {
      const seen: RunSummary[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 100; pages++) {
        const page: { items: RunSummary[]; nextCursor: string | null } = await h.client.call('runs/list-runs', { filter, cursor, limit });
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items);
        if (!page.nextCursor) return seen;
        expect(page.items.length).toBe(limit);
        cursor = page.nextCursor;
      }
      throw new Error('paging did not end');
    };

    beforeEach(async () => {
      core = createCore({ dataDir: ':memory:', clock: fixedClock(T0 + 3_600_000), logger: createMemoryLogger() });
      seedLedger(core);
      h = await makeHarness(core);
      all = (await h.client.call('runs/list-runs', { limit: 500 })).items;
    });

    afterEach(async () => {
      await h.close();
      core.close();
    });

    it('system/get-status reports counts, version, the caller and the core\'s clock', async () => {
      const status = await h.client.call('system/get-status', {});
      expect(status).toMatchObject({ demo: false, actor: h.actor, role: 'owner', lastIngestAt: T0 + 3_600_000, now: T0 + 3_600_000 });
      expect(status.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(status.counts).toEqual({ runs: 60, workflows: 8, connectors: 2, quarantined: 0 });
    });

    it('runs/list-runs returns every run newest first, ties broken by id', async () => {
      expect(all).toHaveLength(60);
      expect(new Set(all.map((r) => r.externalId))).toEqual(new Set(seedRecords().map((r) => r.record.externalId)));
      expect(all).toEqual([...all].sort(newestFirst));
    });

    it('keyset paging has no duplicates and no gaps', async () => {
      const paged = await pageThrough({}, 7);
      expect(paged.map((r) => r.id)).toEqual(all.map((r) => r.id));
      expect(new Set(paged.map((r) => r.id)).size).toBe(60);
    });

    it.each<[string, (ids: Map<string, number>) => RunFilter, (r: RunSummary) => boolean]>([
      ['status', () => ({ statuses: ['failed', 'warning'] }), (r) => r.status === 'failed' || r.status === 'warning'],
      ['connector', () => ({ connectorIds: ['make-eu'] }), (r) => r.connectorId === 'make-eu'],
      ['workflow', (ids) => ({ workflowIds: [ids.get('n8n-main/wf-1')!] }), (r) => r.workflowName === 'Workflow 1 (n8n-main)'],
      ['time range', () => ({ from: T0 - 20 * 60_000, to: T0 - 5 * 60_000 }), (r) => r.startedAt! >= T0 - 20 * 60_000 && r.startedAt! < T0 - 5 * 60_000],
      ['combined', () => ({ statuses: ['success'], connectorIds: ['n8n-main'], from: T0 - 15 * 60_000 }),
        (r) => r.status === 'success' && r.connectorId === 'n8n-main' && r.startedAt! >= T0 - 15 * 60_000],
    ])('filters by %s, paged', async (_name, makeFilter, predicate) => {
      const { items: workflows } = await h.client.call('workflows/list-workflows', {});
      const ids = new Map(workflows.map((w) => [`${w.connectorId}/${w.externalId}`, w.id]));
      const expected = all.filter(predicate).map((r) => r.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(60);
      expect((await pageThrough(makeFilter(ids), 4)).map((r) => r.id)).toEqual(expected);
    });

    it('runs/get-run returns the detail, or not_found', async () => {
      const failed = all.find((r) => r.status === 'failed')!;
      const found = await h.client.call('runs/get-run', { id: failed.id });
      expect(found.ok).toBe(true);
      if (!found.ok) return;
      expect(found.run).toMatchObject({ id: failed.id, status: 'failed', rawStatus: 'error', connectorId: failed.connectorId });
      expect(found.run.errorMessage).toContain('HTTP 502');
      expect(found.run.errorFingerprint).toEqual(expect.any(String));
      expect(found.run.deepLink).toMatch(/^https:\/\/example\.test\/executions\/\d+$/);
      expect(await h.client.call('runs/get-run', { id: 999_999 })).toEqual({ ok: false, reason: 'not_found' });
    });

    it('invalid input is a validation error naming the field', async () => {
      const badLimit = await rejection(h.client.call('runs/list-runs', { limit: 0 }));
      expect(badLimit).toMatchObject({ kind: 'validation', code: 'invalid_input', field: 'limit' });
      const badStatus = await rejection(h.client.call('runs/list-runs', { filter: { statuses: ['exploded' as never] } }));
      expect(badStatus).toMatchObject({ kind: 'validation', field: 'filter.statuses.0' });
      expect(badStatus.message).toContain('filter.statuses.0');
      const badId = await rejection(h.client.call('runs/get-run', { id: 'seven' as never }));
      expect(badId).toMatchObject({ kind: 'validation', field: 'id' });
      const badCursor = await rejection(h.client.call('runs/list-runs', { cursor: 'not a cursor' }));
      expect(badCursor).toMatchObject({ kind: 'validation', code: 'invalid_cursor', field: 'cursor' });
    });

    it('an unknown method is a clear error', async () => {
      const error = await rejection(h.client.call('runs/delete-everything' as never, {} as never));
      expect(error).toMatchObject({ kind: 'protocol', code: 'unknown_method' });
      expect(error.message).toContain('runs/delete-everything');
    });

    it('a malformed frame gets a protocol error frame and the connection keeps serving', async () => {
      const errors: unknown[] = [];
      const twoErrors = new Promise<void>((resolve) => {
        h.duplex.onMessage((frame) => {
          const message = JSON.parse(frame) as { t: string };
          if (message.t === 'error' && errors.push(message) === 2) resolve();
        });
      });
      h.duplex.send('{this is not json');
      h.duplex.send(JSON.stringify({ t: 'call', method: 'system/get-status' }));
      await twoErrors;
      for (const e of errors) expect(e).toMatchObject({ t: 'error', error: { kind: 'protocol', code: 'malformed_frame' } });
      expect((await h.client.call('system/get-status', {})).counts.runs).toBe(60);
    });

    it('ingest announces runs/ingested and ledger/changed', async () => {
      const ingested = nextEvent(h.client, 'runs/ingested');
      const changed = nextEvent(h.client, 'ledger/changed');
      const result = core.ingest({
        connectorId: 'n8n-main',
        cursor: 'n8n-main-cursor-2',
        records: [
          { externalId: 'exec-new', workflow: { externalId: 'wf-9', name: 'Fresh workflow' }, rawStatus: 'success', startedAt: T0 + 60_000 },
          { externalId: 'exec-1', workflow: { externalId: 'wf-1', name: 'Workflow 1 (n8n-main)' }, rawStatus: 'success', startedAt: T0 },
          { externalId: '', workflow: { externalId: 'wf-1', name: 'x' }, rawStatus: 'success' },
        ],
      });
      expect(result).toMatchObject({ inserted: 1, quarantined: 1 });
      expect(await ingested).toMatchObject({ connectorId: 'n8n-main', inserted: 1, updated: result.updated, quarantined: 1 });
      expect(await changed).toEqual({ tables: expect.arrayContaining(['runs']), connectorId: 'n8n-main' });
      const first = await h.client.call('runs/list-runs', { limit: 1 });
      expect(first.items[0]?.externalId).toBe('exec-new');
    });
  });
}

contractSuite('the in-process transport', inProcess);
contractSuite('the serve-mode WebSocket', webSocket);
