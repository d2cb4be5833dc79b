import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { contractClient } from '../../core/cli/open-core.ts';
import type { CoreClient } from '../../core/contract/client.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { createSecretStore } from '../../core/platform/secrets/index.ts';
import { ManualTimers } from '../support/manual-timers.ts';

/**
 * Make and Zapier give other apps no step data: `runs/get-step-data` says so in plain words, with the run's own page at
 * the vendor, and asks the vendor nothing (the connectors point at an address nobody listens on).
 */
const T0 = Date.UTC(2026, 10, 25, 12);

let core: Core | null = null;
let client: CoreClient | null = null;
afterEach(async () => {
  client?.close();
  await core?.connectors.scheduler.stop();
  core?.close();
  core = client = null;
});

function setup() {
  const clock = fixedClock(T0);
  core = createCore({
    dataDir: ':memory:', clock, logger: createMemoryLogger(),
    connectors: { secrets: createSecretStore({ kind: 'memory' }), timers: new ManualTimers(clock) },
  });
  client = contractClient(core, { actor: 'carol' });
  const c = core;
  const add = (kind: 'make' | 'zapier', deepLink: string | null) => {
    c.ledger.connectors.create({ id: `${kind}-1`, kind, name: kind, baseUrl: 'http://127.0.0.1:9', config: kind === 'make' ? { organizationId: 1 } : {} }, T0);
    c.ingest({
      connectorId: `${kind}-1`, cursor: null, records: [{
        externalId: `${kind}-run-1`, workflow: { externalId: `${kind}-wf`, name: `${kind} flow` }, rawStatus: 'error', status: 'failed',
        startedAt: T0 - 60_000, finishedAt: T0 - 59_000, durationMs: 1000, errorMessage: 'Boom', deepLink,
      }],
    });
    return c.ledger.runs.list({ connectorIds: [`${kind}-1`] }, null, 1).items[0]!.id;
  };
  return { api: client, add };
}

describe('runs/get-step-data for vendors without step data', () => {
  it('Make: unavailable, in plain words, with a deep link to the run in Make', async () => {
    const h = setup();
    const link = 'https://eu1.make.com/1/scenarios/42/logs/abc123';
    const out = await h.api.call('runs/get-step-data', { runId: h.add('make', link) });
    expect(out).toEqual({
      ok: true, vendor: 'make', fetchedAt: T0, deepLink: link,
      data: { kind: 'unavailable', reason: 'Make does not let other apps read what each step of a run received or logged, so Flowdeck cannot show it here. Open the run in Make to see it.' },
    });
  });

  it('Zapier: unavailable with the Zap run history link', async () => {
    const h = setup();
    const link = 'https://zapier.com/app/history?zap_id=12345';
    const out = await h.api.call('runs/get-step-data', { runId: h.add('zapier', link) });
    expect(out).toMatchObject({ ok: true, vendor: 'zapier', deepLink: link, data: { kind: 'unavailable', reason: expect.stringMatching(/^Zapier does not let other apps read .* Open the run in Zapier to see it\.$/) } });
  });

  it('leaves out "open the run" when there is no link', async () => {
    const h = setup();
    const out = await h.api.call('runs/get-step-data', { runId: h.add('zapier', null) });
    expect(out).toMatchObject({ ok: true, deepLink: null, data: { kind: 'unavailable', reason: expect.not.stringContaining('Open the run') } });
  });
});
