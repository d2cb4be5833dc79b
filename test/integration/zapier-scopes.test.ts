import { afterEach, describe, expect, it } from 'vitest';
import { zapierHarness, type ZapierHarness } from '../fakes/zapier/harness.ts';

// What a Zapier key sees depends on its scopes (docs/vendors.md Z1–Z3): `zap` lists only Zaps that use the partner's
// own app, `zap:all` every Zap the user owns, `zap:account:all` with include_shared=true also Zaps shared with them.
// Test connection says what the key can and cannot see; listing sends include_shared=true when the key allows it.

const MIN = 60_000;
let h: ZapierHarness;
afterEach(async () => {
  await h?.close();
});

/** One Zap on the partner's app, two of the user's own on other apps, one shared with them; each ran an hour ago. */
async function estate(scopes: string[]) {
  h = await zapierHarness();
  const now = h.time.clock.now();
  const { state } = h.fake;
  const zaps = [
    state.addZap('Partner app Zap', now - 90 * MIN, true, { partnerApp: true }),
    state.addZap('Leads to CRM', now - 90 * MIN),
    state.addZap('Invoices to Xero', now - 90 * MIN),
    state.addZap('Team digest', now - 90 * MIN, true, { shared: true }),
  ];
  for (const zap of zaps) state.addRun(zap, 'success', now - 60 * MIN);
  state.grant('scoped', scopes);
  h.token.value = 'scoped';
  return zaps;
}

const listedNames = async () => (await h.newDriver().listWorkflows()).map((w) => w.name).sort();
const zapListRequests = () => h.fake.log.filter((e) => e.path.startsWith('/v2/zaps'));

describe('Zapier scopes: what the key can and cannot see', () => {
  it('`zap` only: test connection says the key sees 1 of your Zaps and names the scope to add', async () => {
    await estate(['zap', 'zap:runs']);
    expect(await h.newDriver().testConnection()).toEqual({
      ok: true, workflows: 1,
      message: 'This Zapier key sees 1 of your Zaps; run history names 3 more it cannot see. Add the `zap:all` scope to see all of '
        + 'your Zaps (and `zap:account:all` for Zaps shared with you). Run history is readable.',
    });
    expect(await listedNames()).toEqual(['Partner app Zap']);
  });

  it('`zap:all`: lists every Zap the user owns; test connection points at `zap:account:all` for the shared one', async () => {
    await estate(['zap:all', 'zap:runs']);
    const outcome = await h.newDriver().testConnection();
    expect(outcome).toMatchObject({ ok: true, workflows: 3 });
    expect(outcome.message).toMatch(/^This Zapier key sees 3 of your Zaps; run history names 1 more it cannot see\./);
    expect(outcome.message).toContain('`zap:account:all`');
    expect(await listedNames()).toEqual(['Invoices to Xero', 'Leads to CRM', 'Partner app Zap']);
  });

  it('`zap:account:all`: sends include_shared=true and lists the shared Zap too', async () => {
    await estate(['zap:account:all', 'zap:runs']);
    expect(await h.newDriver().testConnection()).toEqual({
      ok: true, workflows: 4, message: 'Connected to Zapier: 4 Zaps (yours and those shared with you), run history readable.',
    });
    h.fake.log.length = 0;
    expect(await listedNames()).toEqual(['Invoices to Xero', 'Leads to CRM', 'Partner app Zap', 'Team digest']);
    expect(zapListRequests().map((e) => [new URL(e.path, 'http://x').searchParams.get('include_shared'), e.status])).toEqual([['true', 200]]);
  });

  it('a key without `zap:account:all` is asked once per driver for shared Zaps, then listed without them', async () => {
    await estate(['zap:all', 'zap:runs']);
    const driver = h.newDriver();
    h.fake.log.length = 0;
    for (let i = 0; i < 3; i++) expect(await driver.listWorkflows()).toHaveLength(3);
    expect(zapListRequests().map((e) => e.status)).toEqual([403, 200, 200, 200]);
  });

  it('no Zap read scope at all: a refusal that names the scopes', async () => {
    await estate(['zap:runs']);
    expect(await h.newDriver().testConnection()).toMatchObject({ ok: false, reason: 'credentials_rejected', message: expect.stringContaining('zap:all') });
  });
});
