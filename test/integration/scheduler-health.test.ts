import { auditActorOf } from '../../core/contract/actor.ts';
// Scheduler health: ok / degraded (retrying) / needs attention, with the reason in plain words, on fake time.
import { describe, expect, it } from 'vitest';
import { HttpFailure } from '../../core/platform/http/types.ts';
import { listRunCalls, ScriptedVendor, harnessesForFile, syncState, T0 } from './helpers/scripted-driver.ts';

const S = 1000;
const MIN = 60 * S;

const harnesses = harnessesForFile();
const start = harnesses.start;
const state = syncState;

describe('scheduler failures and health', () => {
  it('backs off exponentially on transient errors (degraded) and returns to ok', async () => {
    const vendor = new ScriptedVendor().failNext('listRuns', new HttpFailure('server', 'HTTP 503', { status: 503 }), 3);
    const hh = start(vendor);
    const id = await hh.addConnector('prod');
    await hh.advance(0);
    expect(state(hh, id)).toMatchObject({ health: 'degraded', consecutiveFailures: 1, nextPollAt: T0 + 30 * S });
    expect(state(hh, id).healthMessage).toBe('n8n had a server error (503). Retrying in 30 s.');
    await hh.advance(30 * S);
    expect(state(hh, id)).toMatchObject({ health: 'degraded', consecutiveFailures: 2 });
    expect(state(hh, id).nextPollAt! - hh.clock.now()).toBe(60 * S);
    await hh.advance(60 * S);
    expect(state(hh, id).nextPollAt! - hh.clock.now()).toBe(120 * S);
    await hh.advance(120 * S);
    expect(state(hh, id)).toMatchObject({ health: 'ok', healthMessage: null, consecutiveFailures: 0, lastError: null });
    const changes = hh.events.filter((e) => e.name === 'connectors/health-changed').map((e) => e.payload.health);
    expect(changes).toEqual(['degraded', 'degraded', 'degraded', 'ok']);
  });

  it('honours the time the server asked for when it is later than the backoff', async () => {
    const vendor = new ScriptedVendor().failNext('listRuns', new HttpFailure('rate_limited', '429', { status: 429, retryAt: T0 + 5 * MIN }));
    const hh = start(vendor);
    const id = await hh.addConnector('prod');
    await hh.advance(0);
    expect(state(hh, id).nextPollAt).toBe(T0 + 5 * MIN);
    expect(state(hh, id).healthMessage).toBe('n8n asked Flowdeck to slow down (rate limit). Retrying in 5 min.');
  });

  it('turns "needs attention" with a plain reason when the key is rejected, and recovers with a new key', async () => {
    const vendor = new ScriptedVendor().add({ id: 1, workflow: 'a', status: 'success', startedAt: T0 - MIN });
    const hh = start(vendor);
    const id = await hh.addConnector('prod');
    await hh.advance(0);
    expect(state(hh, id).health).toBe('ok');
    vendor.failNext('listRuns', new HttpFailure('auth', 'HTTP 401', { status: 401, body: { message: 'Unauthorized' } }));
    await hh.advance(2 * MIN);
    expect(state(hh, id).health).toBe('needs_attention');
    expect(state(hh, id).healthMessage).toBe(
      'n8n rejected the API key (401). Create a new API key in n8n → Settings → n8n API and paste it in Connectors.');
    expect(hh.events.filter((e) => e.name === 'connectors/health-changed').at(-1)?.payload).toEqual({
      connectorId: id, health: 'needs_attention', message: state(hh, id).healthMessage,
    });
    expect(hh.events.some((e) => e.name === 'ledger/changed' && e.payload.tables.includes('connectors'))).toBe(true);

    const rotated = await hh.core.connectors.service.setCredential(id, 'a-brand-new-key-0123456789', auditActorOf({ actor: 'alice' }));
    expect(rotated.ok).toBe(true);
    await hh.advance(0);
    expect(state(hh, id).health).toBe('ok');
    expect(vendor.calls.filter((c) => c.op === 'testConnection')).toHaveLength(0);
  });

  it('needs attention when the key is missing from the keychain, without calling the vendor', async () => {
    const vendor = new ScriptedVendor();
    const hh = harnesses.build(vendor);
    const id = await hh.addConnector('prod');
    await hh.secrets.delete(`connector:${id}`);
    hh.core.connectors.scheduler.start();
    await hh.advance(0);
    expect(state(hh, id).health).toBe('needs_attention');
    expect(state(hh, id).healthMessage).toBe('The API key for this connector is not in the keychain. Paste it again in Connectors.');
    expect(listRunCalls(vendor)).toHaveLength(0);
  });

  it('starts over once when the vendor refuses the cursor, then needs attention if it keeps refusing', async () => {
    const vendor = new ScriptedVendor().add({ id: 1, workflow: 'a', status: 'success', startedAt: T0 - MIN });
    const hh = start(vendor);
    const id = await hh.addConnector('prod');
    await hh.advance(0);
    expect(state(hh, id).cursor).toBe('after:1');
    const invalid = () => new HttpFailure('client', 'HTTP 400', { status: 400, body: { message: 'An invalid cursor was provided' } });
    vendor.failNext('listRuns', invalid());
    await hh.advance(2 * MIN);
    expect(state(hh, id)).toMatchObject({ health: 'degraded', cursor: null });
    expect(state(hh, id).healthMessage).toContain("refused Flowdeck's resume point (An invalid cursor was provided); starting over");
    await hh.advance(1 * S);
    expect(state(hh, id)).toMatchObject({ health: 'ok', cursor: 'after:1' });
    expect(hh.core.ledger.runs.count()).toBe(1);

    vendor.failNext('listRuns', invalid(), 3);
    hh.core.connectors.repo.resetCursor(id);
    await hh.advance(2 * MIN);
    expect(state(hh, id).health).toBe('degraded');
    await hh.advance(30 * S);
    expect(state(hh, id).health).toBe('needs_attention');
    expect(state(hh, id).healthMessage).toBe("n8n rejected Flowdeck's request (400: An invalid cursor was provided). Its API may have changed; check for a Flowdeck update.");
  });

  it('needs attention when the API keeps answering with something else (bad_response persisting)', async () => {
    const vendor = new ScriptedVendor().failNext('listRuns', new HttpFailure('bad_response', 'HTML instead of JSON'), 3);
    const hh = start(vendor);
    const id = await hh.addConnector('prod');
    await hh.advance(0);
    await hh.advance(30 * S);
    expect(state(hh, id).health).toBe('degraded');
    await hh.advance(60 * S);
    expect(state(hh, id).health).toBe('needs_attention');
    expect(state(hh, id).healthMessage).toContain('keeps answering with something that is not its API (HTML instead of JSON)');
  });

  it('stays ok but says so when the driver warns that the key expires soon', async () => {
    const vendor = new ScriptedVendor();
    const original = vendor.driver.bind(vendor);
    vendor.driver = (deps) => Object.assign(original(deps), {
      credentialWarning: async () => 'The n8n API key expires on 2 Dec 2026. Create a new key in n8n → Settings → n8n API before then.',
    });
    const hh = start(vendor);
    const id = await hh.addConnector('prod');
    await hh.advance(0);
    expect(state(hh, id)).toMatchObject({ health: 'ok', healthMessage: 'The n8n API key expires on 2 Dec 2026. Create a new key in n8n → Settings → n8n API before then.' });
  });

  it('never puts the credential in a health message or a log line', async () => {
    const secret = 'canary-secret-9f8e7d6c5b4a';
    const vendor = new ScriptedVendor().failNext('listRuns', new Error(`boom while sending ${secret}`));
    const hh = start(vendor);
    const id = await hh.addConnector('prod', secret);
    await hh.advance(0);
    expect(state(hh, id).healthMessage).toContain('[redacted]');
    expect(JSON.stringify(state(hh, id))).not.toContain(secret);
    expect(JSON.stringify(hh.logger.lines)).not.toContain(secret);
    expect(JSON.stringify(hh.events)).not.toContain(secret);
  });
});
