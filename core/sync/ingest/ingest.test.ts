import { describe, expect, it } from 'vitest';
import { testCore, T0 } from '../../../test/support/core.ts';
import { recount, storedRollups } from '../../../test/support/recount.ts';
import { ledgerDb } from '../../store/ledger-db.ts';

const rec = (id: string, rawStatus: string, extra: Record<string, unknown> = {}) => ({
  externalId: id,
  workflow: { externalId: 'wf-1', name: 'Leads – Form to CRM' },
  rawStatus,
  startedAt: new Date(T0 - 3_600_000).toISOString(),
  ...extra,
});

const runCount = (core: ReturnType<typeof testCore>) =>
  (ledgerDb(core.ledger).prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n;

describe('ingestPage', () => {
  it('applies a page once: replaying it adds nothing', () => {
    const core = testCore();
    const page = { connectorId: 'c1', records: [rec('1', 'success'), rec('2', 'error', { errorMessage: 'boom' })], cursor: 'p1' };
    expect(core.ingest(page)).toEqual({ inserted: 2, updated: 0, unchanged: 0, quarantined: 0 });
    expect(core.ingest(page)).toEqual({ inserted: 0, updated: 0, unchanged: 2, quarantined: 0 });
    expect(runCount(core)).toBe(2);
    expect(storedRollups(ledgerDb(core.ledger))).toEqual(recount(ledgerDb(core.ledger)));
  });

  it('moves a status only forward: a late "running" never overwrites "failed"', () => {
    const core = testCore();
    const finished = T0 - 3_000_000;
    core.ingest({ connectorId: 'c1', records: [rec('7', 'error', { finishedAt: finished, errorMessage: 'Timeout after 30000ms' })], cursor: 'a' });
    const late = core.ingest({ connectorId: 'c1', records: [rec('7', 'running')], cursor: 'b' });
    expect(late).toEqual({ inserted: 0, updated: 0, unchanged: 1, quarantined: 0 });
    const run = core.ledger.runs.list({}, null, 10).items[0]!;
    expect(run.status).toBe('failed');
    expect(run.rawStatus).toBe('error');
    expect(run.finishedAt).toBe(finished);
  });

  it('lets the final state win whatever order records arrive in', () => {
    const orders = [['queued', 'running', 'success'], ['success', 'queued', 'running'], ['running', 'success', 'queued']];
    for (const order of orders) {
      const core = testCore();
      for (const status of order) {
        const extra = status === 'success' ? { finishedAt: T0 - 3_500_000 } : {};
        core.ingest({ connectorId: 'c1', records: [rec('9', status, extra)], cursor: status });
      }
      const run = core.ledger.runs.list({}, null, 10).items[0]!;
      expect(run.status, order.join('>')).toBe('success');
      expect(run.durationMs, order.join('>')).toBe(100_000);
      expect(storedRollups(ledgerDb(core.ledger))).toEqual(recount(ledgerDb(core.ledger)));
    }
  });

  it('fills details a later record brings (an error message, a retry) without changing the outcome', () => {
    const core = testCore();
    core.ingest({ connectorId: 'c1', records: [rec('5', 'error', { finishedAt: T0 - 3_590_000 })], cursor: 'a' });
    const r = core.ingest({ connectorId: 'c1', records: [rec('5', 'error', {
      finishedAt: T0 - 3_590_000, errorMessage: 'Request failed with status code 401', failingStep: 'HTTP Request', retrySuccessId: '6',
    })], cursor: 'b' });
    expect(r.updated).toBe(1);
    const detail = core.ledger.runs.get(core.ledger.runs.list({}, null, 1).items[0]!.id)!;
    expect(detail).toMatchObject({ status: 'failed', errorMessage: 'Request failed with status code 401', failingStep: 'HTTP Request', retrySuccessId: '6' });
    expect(detail.errorFingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(storedRollups(ledgerDb(core.ledger))).toEqual(recount(ledgerDb(core.ledger)));
  });

  it('quarantines an invalid record with its reason while the rest of the page lands', () => {
    const core = testCore();
    const bad = { externalId: '3', workflow: { externalId: 'wf-1', name: 'x' }, rawStatus: 'success', startedAt: 'yesterday-ish' };
    const result = core.ingest({ connectorId: 'c1', records: [rec('1', 'success'), bad, { nonsense: true }, rec('2', 'success')], cursor: 'c' });
    expect(result).toEqual({ inserted: 2, updated: 0, unchanged: 0, quarantined: 2 });
    const q = core.ledger.quarantine.list(10);
    expect(q.map((x) => x.reason).sort()).toEqual([
      'externalId: Invalid input: expected string, received undefined',
      'startedAt is not a valid date/time: "yesterday-ish"',
    ]);
    expect(q.find((x) => x.reason.startsWith('startedAt'))!.record).toEqual(bad);
    // The same bad record arriving again stays one quarantine entry.
    core.ingest({ connectorId: 'c1', records: [bad], cursor: 'c' });
    expect(core.ledger.quarantine.count()).toBe(2);
  });

  it('stores the cursor with the runs, and a failure mid-transaction leaves neither', () => {
    const core = testCore();
    core.ingest({ connectorId: 'c1', records: [rec('1', 'success')], cursor: 'before' });
    // A real SQLite failure on the third row of the next page.
    ledgerDb(core.ledger).exec(`CREATE TRIGGER fail_on_3 BEFORE INSERT ON runs WHEN new.external_id = '3'
      BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    expect(() => core.ingest({ connectorId: 'c1', records: [rec('2', 'success'), rec('4', 'error', { errorMessage: 'x 1' }), rec('3', 'success')], cursor: 'after' }))
      .toThrow(/disk on fire/);
    expect(runCount(core)).toBe(1);
    expect(core.ledger.connectors.get('c1')!.cursor).toBe('before');
    expect(storedRollups(ledgerDb(core.ledger))).toEqual(recount(ledgerDb(core.ledger)));
    expect((ledgerDb(core.ledger).prepare('SELECT count(*) AS n FROM error_groups').get() as { n: number }).n).toBe(0);
  });

  it('refuses a page for a connector it does not know, writing nothing', () => {
    const core = testCore();
    expect(() => core.ingest({ connectorId: 'ghost', records: [rec('1', 'success')], cursor: 'x' })).toThrow();
    expect(runCount(core)).toBe(0);
  });

  it('groups errors that differ only in ids, numbers and times', () => {
    const core = testCore();
    core.ingest({ connectorId: 'c1', cursor: 'e', records: [
      rec('1', 'error', { errorMessage: 'Record 123 not found (request 9f8e7d6c5b4a, at 2026-11-24T10:00:00Z)' }),
      rec('2', 'error', { errorMessage: 'Record 98765 not found (request 0a1b2c3d4e5f, at 2026-11-25T08:30:00Z)' }),
      rec('3', 'error', { errorMessage: 'Invalid email address' }),
    ] });
    const groups = ledgerDb(core.ledger).prepare('SELECT template, occurrences FROM error_groups ORDER BY occurrences DESC').all();
    expect(groups).toEqual([
      { template: 'Record <n> not found (request <id>, at <time>)', occurrences: 2 },
      { template: 'Invalid email address', occurrences: 1 },
    ]);
    const hits = ledgerDb(core.ledger).prepare(`SELECT rowid FROM error_groups_fts WHERE error_groups_fts MATCH 'email'`).all();
    expect(hits).toHaveLength(1);
  });
});
