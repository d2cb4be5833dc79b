import { afterEach, describe, expect, it } from 'vitest';
import { testCore, T0 } from '../../test/support/core.ts';
import { RetentionRepo } from '../store/retention-repo.ts';
import { DAY } from './buckets.ts';
import { pruneRuns } from './retention.ts';
import { ledgerDb } from '../store/ledger-db.ts';

const ctx = { actor: 'test' };
let core: ReturnType<typeof testCore>;
afterEach(() => core?.close());

function failure(i: number, workflow: string, message: string, startedAt: number) {
  return { externalId: `e${i}`, workflow: { externalId: workflow, name: workflow }, rawStatus: 'error', startedAt,
    finishedAt: startedAt + 1_000, errorMessage: message };
}

async function call<T>(method: string, input: unknown): Promise<T> {
  const out = await core.dispatcher.dispatch(method as never, input, ctx);
  if (!out.ok) throw new Error(out.error.message);
  return out.output as T;
}

describe('monitoring handlers', () => {
  it('search matches error groups by words and returns their runs newest first, with workflow and time filters', async () => {
    core = testCore();
    core.ingest({ connectorId: 'c1', cursor: '1', records: [
      failure(1, 'sheets', 'invalid_grant: Token has been expired or revoked.', T0 - 3 * DAY),
      failure(2, 'crm', 'invalid_grant: Token has been expired or revoked.', T0 - DAY),
      failure(3, 'sheets', 'timeout of 30000ms exceeded', T0 - 2 * DAY),
      failure(4, 'sheets', 'invalid_grant: Token has been expired or revoked.', T0 - 2 * DAY),
    ] });
    const all = await call<{ runs: { externalId: string }[]; groups: unknown[] }>('monitoring/search-errors', { query: 'expired revok' });
    expect(all.groups).toHaveLength(1);
    expect(all.runs.map((r) => r.externalId)).toEqual(['e2', 'e4', 'e1']);
    const sheetsId = core.ledger.workflows.list().find((w) => w.externalId === 'sheets')!.id;
    const filtered = await call<{ runs: { externalId: string }[] }>('monitoring/search-errors',
      { query: 'invalid_grant', filter: { workflowIds: [sheetsId], from: T0 - 2.5 * DAY, to: T0 } });
    expect(filtered.runs.map((r) => r.externalId)).toEqual(['e4']);
    const limited = await call<{ runs: { externalId: string }[] }>('monitoring/search-errors', { query: 'token', limit: 2 });
    expect(limited.runs.map((r) => r.externalId)).toEqual(['e2', 'e4']);
    expect((await call<{ runs: unknown[] }>('monitoring/search-errors', { query: '"*()' })).runs).toEqual([]);
  });

  it('reads an auth error across several workflows of one connection as "Connection X broke N automations"', async () => {
    core = testCore();
    core.ingest({ connectorId: 'c1', cursor: '1', records: [
      failure(1, 'sheets', 'invalid_grant: Token has been expired or revoked.', T0 - DAY),
      failure(2, 'crm', 'invalid_grant: Token has been expired or revoked.', T0 - DAY),
      failure(3, 'crm', 'timeout of 30000ms exceeded', T0 - DAY),
    ] });
    const out = await call<{ groups: { auth: boolean; headline: string | null; template: string }[]; brokenConnections: { headline: string }[] }>(
      'monitoring/list-error-groups', { from: T0 - 7 * DAY, to: T0 });
    const auth = out.groups.find((g) => g.auth)!;
    expect(auth.headline).toBe('Connection Connector c1 broke 2 automations');
    expect(out.groups.find((g) => !g.auth)!.headline).toBeNull();
    expect(out.brokenConnections.map((b) => b.headline)).toEqual(['Connection Connector c1 broke 2 automations']);
  });

  it('prunes raw runs older than the retention age in batches, keeping rollups', async () => {
    core = testCore();
    const records = Array.from({ length: 23 }, (_, i) => ({
      externalId: `r${i}`, workflow: { externalId: 'w', name: 'w' }, rawStatus: 'success',
      startedAt: T0 - (i < 13 ? 400 : 10) * DAY - i * 60_000, finishedAt: T0 - (i < 13 ? 400 : 10) * DAY - i * 60_000 + 500,
    }));
    core.ingest({ connectorId: 'c1', cursor: '1', records });
    const rollupsBefore = ledgerDb(core.ledger).prepare('SELECT count(*) AS n FROM rollups_daily').get();
    expect(await call('monitoring/get-retention', {})).toEqual({ keepDays: 365 });
    const pauses: number[] = [];
    const result = await pruneRuns(new RetentionRepo(ledgerDb(core.ledger)), T0, 5, async () => { pauses.push(1); });
    expect(result).toEqual({ deleted: 13, cutoff: T0 - 365 * DAY, batches: 3 });
    expect(pauses).toHaveLength(2);
    expect(core.ledger.runs.count()).toBe(10);
    expect(ledgerDb(core.ledger).prepare('SELECT count(*) AS n FROM rollups_daily').get()).toEqual(rollupsBefore);
    await call('monitoring/set-retention', { keepDays: 5 });
    const changed: unknown[] = [];
    core.events.subscribeAll(({ name, payload }) => changed.push([name, payload]));
    expect(await call('monitoring/prune-runs', {})).toMatchObject({ deleted: 10, batches: 1 });
    expect(changed).toContainEqual(['ledger/changed', { tables: ['runs'], connectorId: null }]);
    // Both writes are in the audit log with what they changed (shortening retention deletes history).
    const audited = core.ledger.audit.list(undefined, 10).map((e) => [e.action, e.detail]);
    expect(audited).toEqual(expect.arrayContaining([
      ['monitoring/set-retention', { before: 365, after: 5 }],
      ['monitoring/prune-runs', { deleted: 10 }],
    ]));
  });

  it('refuses the test-only ingest handler unless FLOWDECK_TEST_MODE=1', async () => {
    core = testCore();
    const out = await core.dispatcher.dispatch('testing/ingest-page', { connectorId: 'c1', records: [{ externalId: 'x' }] }, ctx);
    expect(out.ok).toBe(false);
    expect(!out.ok && out.error.code).toBe('test_mode_only');
    expect(core.ledger.runs.count()).toBe(0);
  });
});
