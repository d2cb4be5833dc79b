// Bulk retry / re-run preview over a mixed estate (issue 17 part 1): every skipped run is grouped with its reason, in
// plain words; nothing is sent to any vendor. Runs reach the ledger through the core's one ingest path.
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { contractClient } from '../../core/cli/open-core.ts';
import type { CoreClient } from '../../core/contract/client.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
let core: Core | null = null;
let api: CoreClient | null = null;
afterEach(() => {
  api?.close();
  core?.close();
  core = null;
  api = null;
});

const wf = (externalId: string, archived = false) => ({
  externalId, name: `Workflow ${externalId}`, active: !archived, archived, definition: {}, vendorVersionId: null, updatedAt: null, tags: [], deepLink: null,
});
const run = (externalId: string, workflow: string, rawStatus: string, extra: Record<string, unknown> = {}) => ({
  externalId, workflow: { externalId: workflow, name: `Workflow ${workflow}` }, rawStatus, startedAt: T0 - 3_600_000 + Number(externalId.replace(/\D/g, '')) * 1000,
  ...(rawStatus === 'running' ? {} : { finishedAt: T0 - 3_000_000 }), ...extra,
});

function estate() {
  core = createCore({ dataDir: ':memory:', clock: fixedClock(T0), logger: createMemoryLogger() });
  api = contractClient(core, { actor: 'carol' });
  const c = core;
  c.ledger.connectors.create({ id: 'n8n-1', kind: 'n8n', name: 'n8n prod', baseUrl: 'https://n8n.example.test' }, T0);
  c.ledger.connectors.create({ id: 'make-1', kind: 'make', name: 'Make EU', baseUrl: 'https://eu1.make.com' }, T0);
  c.ledger.connectors.create({ id: 'gh-1', kind: 'github', name: 'GitHub', baseUrl: 'https://api.github.com' }, T0);
  c.ingest({
    connectorId: 'n8n-1', cursor: null, workflows: [wf('a'), wf('gone', true)],
    records: [
      run('1', 'a', 'error'), run('2', 'a', 'error'), run('3', 'a', 'crashed'), run('4', 'a', 'canceled'),
      run('5', 'a', 'success'), run('6', 'a', 'running'),
      run('7', 'a', 'error', { retrySuccessId: '99' }),
      run('8', 'gone', 'error'),
    ],
  });
  c.ingest({ connectorId: 'make-1', cursor: null, records: [run('m1', 's1', 'error'), run('m2', 's1', 'error')] });
  c.ingest({ connectorId: 'gh-1', cursor: null, records: [run('g1', 'ci', 'completed/failure', { status: 'failed' }), run('g2', 'ci', 'completed/success', { status: 'success' })] });
  return { core: c, api: api! };
}

describe('bulk preview', () => {
  it('retry: takes the failed and canceled n8n runs, and says why each other run is skipped', async () => {
    const { api } = estate();
    const p = await api.call('runs/preview-bulk-action', { action: 'retry-run' });
    expect(p).toMatchObject({ matched: 12, eligible: 4, loadWorkflowOffered: true });
    expect(p.connectors).toEqual([{ connectorId: 'n8n-1', name: 'n8n prod', kind: 'n8n', count: 4, pace: 'one request at a time (no request limit is set)' }]);
    const reasons = Object.fromEntries(p.skipped.map((g) => [g.reason, [g.count, g.message]]));
    expect(reasons).toEqual({
      'vendor-cannot': expect.anything(),
      'not-failed': [1, 'The run did not fail (only failed and canceled runs are repaired)'],
      'still-going': [1, 'The run is still going'],
      'already-retried': [1, 'A retry of it already succeeded'],
      'workflow-gone': [1, 'Its workflow was archived or deleted at the vendor'],
    });
    // One group per vendor that cannot: Make (2 runs) and GitHub (2 runs) each in their own words.
    expect(p.skipped.filter((g) => g.reason === 'vendor-cannot').map((g) => [g.message, g.count]).sort()).toEqual([
      ['GitHub does not let Flowdeck retry runs', 2], ['Make does not let Flowdeck retry runs', 2],
    ]);
  });

  it('re-run: takes the failed GitHub run only, and the filter narrows what is matched', async () => {
    const { api } = estate();
    const p = await api.call('runs/preview-bulk-action', { action: 'rerun-run', filter: { connectorIds: ['gh-1'] } });
    expect(p).toMatchObject({ matched: 2, eligible: 1, loadWorkflowOffered: false });
    expect(p.connectors[0]).toMatchObject({ connectorId: 'gh-1', count: 1, pace: expect.stringContaining('at most 5000 requests every 1 h') });
    expect(p.skipped).toEqual([{ reason: 'not-failed', message: 'The run did not fail (only failed and canceled runs are repaired)', count: 1, runIds: [expect.any(Number)] }]);
    // Starting with nothing to do is refused plainly.
    expect(await api.call('runs/start-bulk-action', { action: 'rerun-run', filter: { connectorIds: ['make-1'] } }))
      .toMatchObject({ ok: false, reason: 'nothing-to-do' });
  });

  it('a removed connector skips its runs with the reason', async () => {
    const { core, api } = estate();
    core.ledger.connectors.markRemoved('n8n-1', 'n8n prod (removed)', T0);
    const p = await api.call('runs/preview-bulk-action', { action: 'retry-run', filter: { connectorIds: ['n8n-1'] } });
    expect(p).toMatchObject({ eligible: 0, skipped: [{ reason: 'connector-removed', message: 'Its connector was removed', count: 8 }] });
  });
});
