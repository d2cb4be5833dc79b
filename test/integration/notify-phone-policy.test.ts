// Phone channels obey the same holds as every channel: quiet hours keep a non-critical incident back until they end,
// critical ones still go out, and escalation reaches the backup phone channel. The clock is pinned (T0 = 12:00 UTC).
import { afterEach, describe, expect, it } from 'vitest';
import { startPhoneFake, type PhoneFake } from '../fakes/phone/server.ts';
import { phoneCore, routing, savePhoneChannels, trustEverything } from '../fakes/phone/harness.ts';
import { MIN, T0 } from './alerts-helpers.ts';

const fakes: PhoneFake[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

async function setup() {
  const fake = await startPhoneFake();
  fakes.push(fake);
  trustEverything(fake);
  const c = phoneCore(fake);
  const ids = await savePhoneChannels(c, fake);
  // Quiet hours 11:00–13:00 UTC: T0 (12:00 UTC) is inside, whatever day the test runs.
  const s = await c.call('alerts/get-settings', {});
  await c.call('alerts/save-settings', { ...s, quietHours: { enabled: true, startMinute: 11 * 60, endMinute: 13 * 60, timezone: 'UTC' } });
  return { fake, c, ids };
}

describe('phone channels: quiet hours and escalation', () => {
  it('quiet hours hold a warning back from every phone channel until they end, then it goes out once', async () => {
    const { fake, c, ids } = await setup();
    c.run('w1', 'failed');
    await c.rule({ severity: 'warning', condition: { kind: 'any_failure', graceMinutes: 0 }, routing: routing(Object.values(ids)) });
    await c.step();
    await c.step(T0 + 30 * MIN);
    expect(fake.hits).toEqual([]);
    expect(c.alerting.store.deliveries.all()).toEqual([]);
    await c.step(T0 + 61 * MIN);
    expect(fake.hits.map((h) => h.vendor).sort()).toEqual(['discord', 'ntfy', 'pushover', 'telegram']);
    await c.step(T0 + 90 * MIN);
    expect(fake.hits).toHaveLength(4);
  });

  it('a critical incident is not held by quiet hours', async () => {
    const { fake, c, ids } = await setup();
    c.run('w1', 'failed');
    await c.rule({ severity: 'critical', condition: { kind: 'any_failure', graceMinutes: 0 }, routing: routing([ids.ntfy, ids.pushover]) });
    await c.step();
    expect(fake.hits.map((h) => [h.vendor, h.body!.priority])).toEqual([['ntfy', 5], ['pushover', 1]]);
  });

  it('an unacknowledged incident escalates to the backup phone channel, and only there', async () => {
    const { fake, c, ids } = await setup();
    const s = await c.call('alerts/get-settings', {});
    await c.call('alerts/save-settings', { ...s, quietHours: { ...s.quietHours, enabled: false } });
    c.run('w1', 'failed');
    await c.rule({ severity: 'critical', condition: { kind: 'any_failure', graceMinutes: 0 },
      routing: routing([ids.discord], { escalateAfterMinutes: 15, backupChannelIds: [ids.telegram] }) });
    await c.step();
    expect(fake.hits.map((h) => h.vendor)).toEqual(['discord']);
    await c.step(T0 + 10 * MIN);
    expect(fake.hits).toHaveLength(1);
    await c.step(T0 + 16 * MIN);
    expect(fake.hits.map((h) => h.vendor)).toEqual(['discord', 'telegram']);
    expect(fake.hits[1]!.body!.text).toMatch(/^🔴 <b>Escalated: Workflow w1/);
  });
});
