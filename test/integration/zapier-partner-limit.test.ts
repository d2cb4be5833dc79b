// Zapier limits requests per address (60/min) and per partner (150/min, shared by every install of one OAuth
// client: docs/vendors.md R4). When other installs spend the partner's limit, Flowdeck meets 429s it could not
// foresee: it waits out the cooldown Zapier names, never sends during it, and still converges.
import { afterEach, describe, expect, it } from 'vitest';
import { PARTNER_LIMIT } from '../../core/demo/vendors/zapier/rate-limit.ts';
import { zapierHarness, type ZapierHarness } from '../fakes/zapier/harness.ts';

const MIN = 60_000;
let h: ZapierHarness;
afterEach(async () => {
  await h?.close();
});

describe('Zapier partner-wide limit', () => {
  it('other installs spending the partner limit cost Flowdeck a cooldown, not runs', async () => {
    h = await zapierHarness();
    const now = h.time.clock.now();
    const zap = h.fake.state.addZap('Leads to CRM', now - 30 * 24 * 60 * MIN);
    for (let i = 0; i < 400; i++) h.fake.state.addRun(zap, i % 7 === 0 ? 'error' : 'success', now - (400 - i) * 5 * MIN, 1000);
    // Other installs of the same OAuth client sent 145 requests this minute, from other addresses.
    h.fake.limits.otherInstalls('flowdeck', now, PARTNER_LIMIT - 5);

    const failures = await h.syncUntilIdle(h.newDriver({ pageSize: 10 }));
    const throttled = h.fake.log.filter((e) => e.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    // Nothing was sent during the cooldown: after the 429, the next request came a full minute later.
    const first429 = throttled[0]!.at;
    expect(h.fake.log.filter((e) => e.at > first429 && e.at < first429 + MIN)).toEqual([]);
    expect(h.fake.log.at(-1)!.at).toBeGreaterThanOrEqual(first429 + MIN);
    expect(failures.length).toBeLessThanOrEqual(throttled.length);
    const diff = h.diff();
    expect([diff.missing.length, diff.extra.length, diff.wrongStatus.length]).toEqual([0, 0, 0]);
  });
});
