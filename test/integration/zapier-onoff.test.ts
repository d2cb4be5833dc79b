import { afterEach, describe, expect, it } from 'vitest';
import { zapierHarness, type ZapierHarness } from '../fakes/zapier/harness.ts';

// Switching a Zap on and off through POST /v2/zaps/{id}/enable|disable (docs/vendors.md Z8), and the plain answer
// when Zapier refuses it to this key or partner.

const REFUSED = 'Zapier does not let Flowdeck switch this Zap on or off with this key; switch it in Zapier.';
let h: ZapierHarness;
afterEach(async () => {
  await h?.close();
});

async function setup() {
  h = await zapierHarness();
  return h.fake.state.addZap('Leads to CRM', h.time.clock.now(), true);
}

describe('Zapier on/off', () => {
  it('switches a Zap off and on again by the id Flowdeck stores (the integer), calling the id Zapier lists', async () => {
    const zap = await setup();
    const driver = h.newDriver();
    expect(await driver.actions.deactivateWorkflow!('100001')).toBe('Switched off the Zap “Leads to CRM” in Zapier.');
    expect(zap.is_enabled).toBe(false);
    expect(await driver.actions.activateWorkflow!('100001')).toBe('Switched on the Zap “Leads to CRM” in Zapier.');
    expect(zap.is_enabled).toBe(true);
    expect(h.fake.log.filter((e) => e.method === 'POST').map((e) => [e.path, e.status])).toEqual([
      ['/v2/zaps/00000000-0000-c000-8000-000000100001/disable', 200], ['/v2/zaps/00000000-0000-c000-8000-000000100001/enable', 200],
    ]);
  });

  it('says plainly when the partner does not have the endpoints (404) or the key lacks zap:write (403)', async () => {
    const zap = await setup();
    h.fake.state.onOff = false;
    await expect(h.newDriver().actions.deactivateWorkflow!('100001')).rejects.toThrow(REFUSED);
    h.fake.state.onOff = true;
    h.fake.state.grant('read-only', ['zap:all', 'zap:runs']);
    h.token.value = 'read-only';
    await expect(h.newDriver().actions.activateWorkflow!('100001')).rejects.toThrow(REFUSED);
    expect(zap.is_enabled).toBe(true);
  });
});
