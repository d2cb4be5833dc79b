import { describe, expect, it } from 'vitest';
import { testCore, T0 } from '../../../test/support/core.ts';
import { ledgerDb } from '../../store/ledger-db.ts';

const listed = (externalId: string, extra: Record<string, unknown> = {}) => ({
  externalId, name: `Flow ${externalId}`, active: true, archived: false, definition: { nodes: [] }, vendorVersionId: 'v1',
  updatedAt: T0 - 60_000, tags: ['shop'], deepLink: `https://n8n.example.com/workflow/${externalId}`, ...extra,
});

type Core = ReturnType<typeof testCore>;
const stored = (core: Core) => ledgerDb(core.ledger)
  .prepare('SELECT external_id AS externalId, name, active FROM workflows ORDER BY external_id').all();
const cursorOf = (core: Core) => core.ledger.sync.get('c1')?.cursor ?? null;
const quarantined = (core: Core) => core.ledger.quarantine.list(10).map((q) => q.reason);

describe('ingestPage: workflow lists', () => {
  it('stores a listed workflow with the page, counts new and changed, and keeps the cursor in the same transaction', () => {
    const core = testCore();
    const first = core.ingest({ connectorId: 'c1', records: [], cursor: 'c-1', workflows: [listed('1'), listed('2')] });
    expect(first).toMatchObject({ workflows: { listed: 2, added: 2, changed: 0 }, quarantined: 0 });
    expect(cursorOf(core)).toBe('c-1');
    const again = core.ingest({ connectorId: 'c1', records: [], cursor: 'c-1', workflows: [listed('1'), listed('2', { name: 'Renamed' })] });
    expect(again.workflows).toEqual({ listed: 2, added: 0, changed: 1 });
    expect(stored(core)).toEqual([{ externalId: '1', name: 'Flow 1', active: 1 }, { externalId: '2', name: 'Renamed', active: 1 }]);
  });

  it('quarantines a workflow record that fails validation, with the field, and stores the rest', () => {
    const core = testCore();
    const result = core.ingest({
      connectorId: 'c1', records: [], cursor: null,
      workflows: [listed('ok'), listed('', {}), listed('bad-link', { deepLink: 'javascript:alert(1)' }), { name: 'no id' }],
    });
    expect(result).toMatchObject({ workflows: { listed: 1, added: 1, changed: 0 }, quarantined: 3 });
    expect(stored(core)).toEqual([{ externalId: 'ok', name: 'Flow ok', active: 1 }]);
    expect(quarantined(core).every((r) => r.startsWith('workflow '))).toBe(true);
    expect(quarantined(core).some((r) => r.includes('deepLink'))).toBe(true);
  });

  it('rolls the list back with the page when the page fails', () => {
    const core = testCore();
    // An unknown connector fails the page (its workflows and cursor have nowhere to go): nothing of it may stay.
    const page = { connectorId: 'nope', records: [{ externalId: 'r1', workflow: { externalId: '1', name: 'Flow 1' }, rawStatus: 'success' }], cursor: 'x', workflows: [listed('1')] };
    expect(() => core.ingest(page)).toThrow();
    expect(stored(core)).toEqual([]);
    expect(core.ledger.runs.list({}, null, 10).items).toEqual([]);
  });
});
