import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorSyncRepo } from '../../core/store/connector-sync-repo.ts';
import { CONNECTOR_ID, zapierHarness, type ZapierHarness } from '../fakes/zapier/harness.ts';
import { ledgerDb } from '../../core/store/ledger-db.ts';

// Zap ids and run statuses as Zapier documents them: /v2/zaps lists UUID-shaped ids while runs carry the integer
// zap_id (docs/vendors.md Z4, Z5); `held` needs the owner (Z6); `halted` stopped on purpose (Z7).

const MIN = 60_000;
let h: ZapierHarness;
afterEach(async () => {
  await h?.close();
});

/** Lists the Zaps and syncs the runs, like one scheduler cycle. */
async function cycle(driver = h.newDriver()) {
  new ConnectorSyncRepo(ledgerDb(h.core.ledger)).upsertWorkflows(CONNECTOR_ID, await driver.listWorkflows(), h.time.clock.now());
  expect(await h.syncUntilIdle(driver)).toEqual([]);
}

const workflows = () => ledgerDb(h.core.ledger).prepare(
  `SELECT w.external_id AS id, w.name, (SELECT count(*) FROM runs r WHERE r.workflow_id = w.id) AS runs
   FROM workflows w WHERE w.connector_id = ? ORDER BY w.external_id`).all(CONNECTOR_ID);
const run = (id: string) => ledgerDb(h.core.ledger).prepare(
  'SELECT status, raw_status AS raw, error_message AS error, failing_step AS step FROM runs WHERE connector_id = ? AND external_id = ?')
  .get(CONNECTOR_ID, id) as { status: string; raw: string; error: string | null; step: string | null };

describe('Zapier ids: runs attach to the Zap /v2/zaps lists', () => {
  it('one workflow per Zap, keyed by the integer id, with its runs', async () => {
    h = await zapierHarness();
    const now = h.time.clock.now();
    const zaps = ['Leads', 'Invoices'].map((t) => h.fake.state.addZap(t, now - 60 * MIN));
    for (let i = 0; i < 6; i++) h.fake.state.addRun(zaps[i % 2]!, 'success', now - (10 - i) * MIN);
    expect(zaps.map((z) => z.uuid)).toEqual(['00000000-0000-c000-8000-000000100001', '00000000-0000-c000-8000-000000100002']);
    await cycle();
    expect(workflows()).toEqual([{ id: '100001', name: 'Leads', runs: 3 }, { id: '100002', name: 'Invoices', runs: 3 }]);
    expect(h.logger.lines.filter((l) => /id/i.test(l.message) && l.level === 'warn')).toEqual([]);
  });

  it('accepts plain integer ids too, and logs once when an id has a shape Flowdeck does not know', async () => {
    h = await zapierHarness();
    const now = h.time.clock.now();
    const plain = h.fake.state.addZap('Plain', now - 60 * MIN);
    const odd = h.fake.state.addZap('Odd', now - 60 * MIN);
    plain.uuid = '100001';
    odd.uuid = 'F47AC10B-58CC-4372-A567-0E02B2C3D479';
    const driver = h.newDriver();
    expect((await driver.listWorkflows()).map((w) => w.externalId)).toEqual(['100001', 'f47ac10b-58cc-4372-a567-0e02b2c3d479']);
    await driver.listWorkflows();
    const warned = h.logger.lines.filter((l) => l.message.includes('Zap id'));
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ level: 'warn', fields: { connectorId: CONNECTOR_ID, id: 'F47AC10B-58CC-4372-A567-0E02B2C3D479' } });
  });
});

describe('Zapier statuses', () => {
  it('`held` is a failure that needs the owner, keeps the raw status and says to replay in Zapier', async () => {
    h = await zapierHarness();
    const zap = h.fake.state.addZap('Leads', h.time.clock.now() - 60 * MIN);
    const held = h.fake.state.addRun(zap, 'held', h.time.clock.now() - 5 * MIN);
    await cycle();
    const row = run(held.id);
    expect(row).toMatchObject({ status: 'failed', raw: 'held' });
    expect(row.error).toBe('Zapier is holding this run until the Zap’s owner acts (a disconnected app, the task limit, a payment '
      + 'problem or flood protection). Fix it in Zapier, then replay the run there.');
  });

  it('`halted` (a filter or search found nothing) is skipped, not failed, with no error', async () => {
    h = await zapierHarness();
    const zap = h.fake.state.addZap('Leads', h.time.clock.now() - 60 * MIN);
    const halted = h.fake.state.addRun(zap, 'halted', h.time.clock.now() - 5 * MIN);
    await cycle();
    expect(run(halted.id)).toEqual({ status: 'skipped', raw: 'halted', error: null, step: null });
  });
});
