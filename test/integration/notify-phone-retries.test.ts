// Phone channels when the vendor is busy or down: 429 and 5xx are retried through the outbox, a bounded number of
// times, and never sooner than the vendor's Retry-After / retry_after. The clock is pinned (alerts-helpers T0).
import { afterEach, describe, expect, it } from 'vitest';
import { BACKOFF_MS } from '../../core/notify/outbox.ts';
import { startPhoneFake, type PhoneFake, type Vendor } from '../fakes/phone/server.ts';
import { phoneCore, routing, savePhoneChannels, trustEverything } from '../fakes/phone/harness.ts';
import { T0 } from './alerts-helpers.ts';

const fakes: PhoneFake[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

async function oneChannel(kind: Vendor) {
  const fake = await startPhoneFake();
  fakes.push(fake);
  trustEverything(fake);
  const c = phoneCore(fake);
  const ids = await savePhoneChannels(c, fake);
  c.run('w1', 'failed');
  await c.rule({ condition: { kind: 'any_failure', graceMinutes: 0 }, routing: routing([ids[kind]]) });
  const sent = () => fake.hits.filter((h) => h.vendor === kind).length;
  const delivery = () => c.alerting.store.deliveries.all()[0]!;
  return { fake, c, sent, delivery };
}

describe('phone channels: retries', () => {
  it.each([
    ['discord', 'Retry-After header and retry_after in the body'],
    ['telegram', 'parameters.retry_after in the body'],
  ] as const)('%s: a 429 waits as long as the vendor asked (%s), then delivers', async (kind, _how) => {
    const { fake, c, sent, delivery } = await oneChannel(kind);
    const wait = 45 * 60; // seconds: longer than the first two backoff steps
    fake.rateLimit(kind, wait);
    await c.step();
    expect(sent()).toBe(1);
    expect(delivery()).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringMatching(/limiting.*asked to wait 45 min/) });
    // The outbox's own backoff would try at +30 s and +2 min: the vendor said 45 min, so nothing is sent before.
    for (const t of [T0 + BACKOFF_MS[0], T0 + BACKOFF_MS[0] + BACKOFF_MS[1], T0 + wait * 1000 - 1000]) {
      await c.step(t);
      expect(sent(), `at +${(t - T0) / 1000} s`).toBe(1);
    }
    await c.step(T0 + wait * 1000);
    expect(sent()).toBe(2);
    expect(delivery()).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it.each(['ntfy', 'pushover'] as const)('%s: a 429 without a wait follows the outbox backoff', async (kind) => {
    const { fake, c, sent, delivery } = await oneChannel(kind);
    fake.rateLimit(kind, 0);
    await c.step();
    expect(delivery()).toMatchObject({ status: 'pending', attempts: 1 });
    await c.step(T0 + BACKOFF_MS[0]);
    expect(sent()).toBe(2);
    expect(delivery()).toMatchObject({ status: 'sent' });
  });

  it.each(['ntfy', 'pushover', 'telegram', 'discord'] as const)('%s: a vendor that stays down (5xx) is tried a bounded number of times, then the delivery is marked failed', async (kind) => {
    const { fake, c, sent, delivery } = await oneChannel(kind);
    fake.script(kind, { status: 503, body: { error: 'down for maintenance' } }, 100);
    await c.step();
    let t = T0;
    for (const wait of BACKOFF_MS) {
      t += wait;
      await c.step(t);
    }
    expect(sent()).toBe(BACKOFF_MS.length + 1);
    expect(delivery()).toMatchObject({ status: 'failed', attempts: BACKOFF_MS.length + 1, lastError: expect.stringMatching(/had a problem \(503\)/) });
    // Long after: nothing more.
    await c.step(t + 24 * 3_600_000);
    expect(sent()).toBe(BACKOFF_MS.length + 1);
  });

  it('a vendor that cannot be reached is retried like a 5xx', async () => {
    const { fake, c, delivery } = await oneChannel('pushover');
    await fake.close();
    fakes.splice(fakes.indexOf(fake), 1);
    await c.step();
    expect(delivery()).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringMatching(/^Could not reach Pushover at 127\.0\.0\.1:\d+/) });
  });

  it('a Retry-After longer than a day is capped there, and the last attempt still ends the delivery', async () => {
    const { fake, c, sent, delivery } = await oneChannel('discord');
    fake.script('discord', { status: 429, headers: { 'retry-after': String(30 * 24 * 3600) }, body: { message: 'You are being rate limited.', retry_after: 30 * 24 * 3600, global: true } }, 100);
    await c.step();
    let t = T0;
    for (let i = 0; i < BACKOFF_MS.length; i++) {
      t += 24 * 3_600_000;
      await c.step(t);
    }
    expect(sent()).toBe(BACKOFF_MS.length + 1);
    expect(delivery()).toMatchObject({ status: 'failed', attempts: BACKOFF_MS.length + 1 });
  });
});
