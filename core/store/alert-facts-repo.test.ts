import { describe, expect, it } from 'vitest';
import { testCore, T0 } from '../../test/support/core.ts';
import { AlertFactsRepo } from './alert-facts-repo.ts';
import { ConnectorSyncRepo } from './connector-sync-repo.ts';
import { ledgerDb } from './ledger-db.ts';

const wf = (minutes: number) => ({
  externalId: '7', name: 'Sync', active: true, archived: false, vendorVersionId: null, updatedAt: null, tags: [], deepLink: null,
  definition: { nodes: [{ type: 'n8n-nodes-base.scheduleTrigger', parameters: { rule: { interval: [{ field: 'minutes', minutesInterval: minutes }] } } }] },
});

describe('alert facts', () => {
  it('read a workflow definition once, and again when it changes', () => {
    const core = testCore();
    const sync = new ConnectorSyncRepo(ledgerDb(core.ledger));
    const facts = new AlertFactsRepo(ledgerDb(core.ledger));
    sync.upsertWorkflows('c1', [wf(15)], T0);
    const first = facts.workflows()[0]!.definition;
    expect(facts.workflows()[0]!.definition).toBe(first);
    sync.upsertWorkflows('c1', [wf(30)], T0 + 1);
    expect(facts.workflows()[0]!.definition).toMatchObject({ nodes: [{ parameters: { rule: { interval: [{ minutesInterval: 30 }] } } }] });
    core.close();
  });
});
