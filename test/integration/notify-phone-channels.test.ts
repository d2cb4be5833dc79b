// Phone channels (issue #17 part 3) against loopback fakes of ntfy, Pushover, Telegram and Discord: the request each
// vendor documents, "Send test", plain words for what retrying cannot fix, and secrets that never leave the keychain.
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../core/platform/logger.ts';
import { ntfyPriority } from '../../core/platform/notify/ntfy.ts';
import { pushoverPriority } from '../../core/platform/notify/pushover.ts';
import { ledgerDb } from '../../core/store/ledger-db.ts';
import { startPhoneFake, type PhoneFake, type PhoneHit } from '../fakes/phone/server.ts';
import { DISCORD_URL, drafts, NTFY_TOPIC, phoneCore, routing, savePhoneChannels, SECRET_VALUES, SECRETS, TELEGRAM_CHAT, trustEverything } from '../fakes/phone/harness.ts';
import type { AlertCore } from './alerts-helpers.ts';
import { T0 } from './alerts-helpers.ts';

const fakes: PhoneFake[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

async function setup(): Promise<{ fake: PhoneFake; c: AlertCore }> {
  const fake = await startPhoneFake();
  fakes.push(fake);
  trustEverything(fake);
  return { fake, c: phoneCore(fake) };
}

const RUN_LINK = 'https://n8n.example.com/workflow/7/executions/99';
const only = (fake: PhoneFake, vendor: PhoneHit['vendor']) => fake.hits.filter((h) => h.vendor === vendor);

/** Everything the owner or a log could see: log lines, the audit log, every channel as the contract shows it, deliveries, the database rows. */
async function everythingVisible(c: AlertCore): Promise<string> {
  const lines = (c.logger as Logger & { lines: unknown[] }).lines;
  const db = ledgerDb(c.ledger);
  return JSON.stringify([
    lines,
    await c.call('audit/search-entries', {}),
    await c.call('alerts/list-channels', {}),
    c.alerting.store.deliveries.all(),
    db.prepare('SELECT * FROM notify_channels').all(),
    db.prepare('SELECT * FROM deliveries').all(),
    db.prepare('SELECT * FROM settings').all(),
  ]);
}

describe('phone channels: the request each vendor documents', () => {
  it('an incident reaches ntfy, Pushover, Telegram and Discord with its title, summary, link and priority', async () => {
    const { fake, c } = await setup();
    const ids = await savePhoneChannels(c, fake);
    c.run('w1', 'failed', { deepLink: RUN_LINK });
    await c.rule({ name: 'Any failure', severity: 'critical', condition: { kind: 'any_failure', graceMinutes: 0 }, routing: routing(Object.values(ids)) });
    await c.step();

    const [ntfy] = only(fake, 'ntfy');
    expect(ntfy).toMatchObject({ method: 'POST', path: '/ntfy/' });
    expect(ntfy!.headers['content-type']).toBe('application/json');
    expect(ntfy!.headers.authorization).toBe(`Bearer ${SECRETS.ntfyToken}`);
    expect(ntfy!.body).toMatchObject({ topic: NTFY_TOPIC, title: expect.stringContaining('Workflow w1'), message: expect.any(String), priority: 5,
      tags: ['rotating_light'], click: RUN_LINK, actions: [{ action: 'view', label: 'Open', url: RUN_LINK }] });
    expect(ntfy!.body!.title).toContain('Any failure');

    const [push] = only(fake, 'pushover');
    expect(push).toMatchObject({ method: 'POST', path: '/1/messages.json' });
    expect(push!.headers['content-type']).toBe('application/json');
    expect(push!.body).toMatchObject({ token: SECRETS.pushoverToken, user: SECRETS.pushoverUser, title: expect.stringContaining('Workflow w1'),
      message: expect.any(String), priority: 1, url: RUN_LINK, url_title: 'Open', timestamp: Math.floor(T0 / 1000) });

    const [tg] = only(fake, 'telegram');
    expect(tg).toMatchObject({ method: 'POST', path: `/bot${SECRETS.telegramToken}/sendMessage` });
    expect(tg!.body).toMatchObject({ chat_id: Number(TELEGRAM_CHAT), parse_mode: 'HTML', disable_web_page_preview: true });
    expect(tg!.body!.text).toMatch(/^🔴 <b>Incident: Workflow w1 — Any failure<\/b>\n/);
    expect(tg!.body!.text).toContain(`<a href="${RUN_LINK}">Open</a>`);

    const [dc] = only(fake, 'discord');
    expect(dc).toMatchObject({ method: 'POST', path: `/api/webhooks/${SECRETS.discordId}/${SECRETS.discordToken}` });
    expect(dc!.query.get('wait')).toBe('true');
    expect(dc!.body).toMatchObject({ content: expect.stringContaining('Workflow w1'), allowed_mentions: { parse: [] },
      embeds: [{ title: expect.stringContaining('Any failure'), description: expect.any(String), url: RUN_LINK, color: 0xd93025 }] });

    expect(c.alerting.store.deliveries.all().map((d) => d.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect((await c.call('alerts/list-channels', {})).items.every((ch) => ch.lastSuccessAt === T0 && ch.lastError === null)).toBe(true);
  });

  it('maps severity to the vendors\' priorities, as docs/vendors.md P2 and P6 say', () => {
    const table = (['critical', 'warning', 'info'] as const).map((severity) => [severity, ntfyPriority({ kind: 'opened', severity }), pushoverPriority({ kind: 'opened', severity })]);
    expect(table).toEqual([['critical', 5, 1], ['warning', 4, 0], ['info', 3, -1]]);
    expect([ntfyPriority({ kind: 'resolved', severity: 'critical' }), pushoverPriority({ kind: 'resolved', severity: 'critical' })]).toEqual([2, -1]);
    expect([ntfyPriority({ kind: 'test', severity: 'info' }), pushoverPriority({ kind: 'test', severity: 'info' })]).toEqual([3, 0]);
  });

  it('an incident without a known link sends no link, and text that looks like HTML reaches Telegram escaped', async () => {
    const { fake, c } = await setup();
    const ids = await savePhoneChannels(c, fake);
    c.run('a<b>&c', 'failed');
    await c.rule({ name: 'Any failure', condition: { kind: 'any_failure', graceMinutes: 0 }, routing: routing([ids.telegram, ids.ntfy, ids.discord, ids.pushover]) });
    await c.step();
    expect(only(fake, 'telegram')[0]!.body!.text).toContain('Workflow a&lt;b&gt;&amp;c');
    expect(only(fake, 'telegram')[0]!.body!.text).not.toContain('<a href');
    expect(only(fake, 'ntfy')[0]!.body).not.toHaveProperty('click');
    expect(only(fake, 'pushover')[0]!.body).not.toHaveProperty('url');
    expect((only(fake, 'discord')[0]!.body!.embeds as object[])[0]).not.toHaveProperty('url');
    expect(only(fake, 'ntfy')[0]!.body).toMatchObject({ priority: 4, tags: ['warning'] });
  });
});

describe('phone channels: "Send test" and what retrying cannot fix', () => {
  it('"Send test" reaches each vendor and says so', async () => {
    const { fake, c } = await setup();
    const ids = await savePhoneChannels(c, fake);
    for (const [kind, id] of Object.entries(ids)) {
      const r = await c.call('alerts/test-channel', { id });
      expect(r, kind).toMatchObject({ ok: true, message: expect.stringContaining('Sent a test') });
    }
    expect(fake.hits.map((h) => h.vendor)).toEqual(['ntfy', 'pushover', 'telegram', 'discord']);
    expect(only(fake, 'ntfy')[0]!.body).toMatchObject({ title: 'Flowdeck test notification', priority: 3 });
    expect(only(fake, 'pushover')[0]!.body).toMatchObject({ title: 'Flowdeck test notification', priority: 0 });
  });

  it.each([
    ['telegram', (f: PhoneFake) => f.state.telegramChats.clear(), /Telegram cannot find chat 123456789 .*chat not found.*\/start/],
    ['telegram', (f: PhoneFake) => f.state.telegramBots.clear(), /Telegram does not accept the bot token .*Unauthorized.*@BotFather/],
    ['pushover', (f: PhoneFake) => f.state.pushoverUsers.clear(), /Pushover does not know the user key .*dashboard/],
    ['pushover', (f: PhoneFake) => f.state.pushoverTokens.clear(), /Pushover does not accept the application token/],
    ['discord', (f: PhoneFake) => f.state.discordHooks.clear(), /Discord says this webhook does not exist .*Unknown Webhook/],
    ['discord', (f: PhoneFake) => f.state.discordHooks.set(SECRETS.discordId, 'another-token-entirely-0123456789'), /Discord refused the webhook's token/],
    ['ntfy', (f: PhoneFake) => f.state.ntfyProtected.set(NTFY_TOPIC, 'tk_someoneelse'), /ntfy server refused the access token for topic “flowdeck-alerts-7q2x”/],
  ] as const)('%s: a refusal that will not get better is said in plain words, on the channel, and not retried (%#)', async (kind, breakIt, words) => {
    const { fake, c } = await setup();
    const ids = await savePhoneChannels(c, fake);
    breakIt(fake);
    const r = await c.call('alerts/test-channel', { id: ids[kind] });
    expect(r).toMatchObject({ ok: false, reason: 'failed' });
    expect(r.message).toMatch(words);
    const ch = (await c.call('alerts/list-channels', {})).items.find((x) => x.id === ids[kind])!;
    expect(ch).toMatchObject({ lastFailureAt: T0, lastError: r.message });
    // Through the outbox: failed at the first attempt, never queued again.
    c.run('w1', 'failed');
    await c.rule({ condition: { kind: 'any_failure', graceMinutes: 0 }, routing: routing([ids[kind]]) });
    await c.step();
    expect(c.alerting.store.deliveries.all()).toEqual([expect.objectContaining({ status: 'failed', attempts: 1 })]);
    const before = fake.hits.length;
    await c.step(T0 + 3 * 3_600_000);
    expect(fake.hits.length).toBe(before);
  });

  it('an ntfy server that redirects is not followed: the token goes nowhere else', async () => {
    const { fake, c } = await setup();
    const other = await startPhoneFake();
    fakes.push(other);
    fake.script('ntfy', { status: 307, headers: { location: `${other.url}/ntfy/` } });
    const id = (await c.call('alerts/save-channel', drafts(fake).ntfy)).channel.id;
    const r = await c.call('alerts/test-channel', { id });
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('redirect') });
    expect(other.hits).toEqual([]);
  });
});

describe('phone channels: secrets stay in the keychain', () => {
  it('tokens, user key and webhook address never reach logs, the audit log, a contract answer or the database', async () => {
    const { fake, c } = await setup();
    const answers: unknown[] = [];
    const d = drafts(fake);
    const ids: number[] = [];
    for (const draft of Object.values(d)) {
      const saved = await c.call('alerts/save-channel', draft);
      answers.push(saved);
      ids.push(saved.channel.id);
      expect(saved.channel.hasSecret).toBe(true);
    }
    // Edited without retyping the secrets: they are kept, and still not echoed.
    answers.push(await c.call('alerts/save-channel', { ...d.telegram, id: ids[2], name: 'Telegram ops', secret: undefined }));
    for (const id of ids) answers.push(await c.call('alerts/test-channel', { id }));
    // Failures of every kind: retried ones (429, 5xx) and ones that are not; one vendor even echoes the token back.
    fake.rateLimit('discord', 2);
    fake.script('pushover', { status: 503, body: 'upstream down' });
    fake.script('ntfy', { status: 403, body: { code: 40301, http: 403, error: `forbidden: token ${SECRETS.ntfyToken} may not write` } });
    fake.script('telegram', { status: 400, body: { ok: false, error_code: 400, description: `Bad Request: chat not found for bot${SECRETS.telegramToken}` } });
    c.run('w1', 'failed');
    await c.rule({ condition: { kind: 'any_failure', graceMinutes: 0 }, routing: routing(ids) });
    await c.step();
    await c.step(T0 + 60 * 60_000);
    const incident = c.alerting.store.incidents.list('all', 10)[0]!;
    answers.push(await c.call('incidents/get-incident', { id: incident.id }));
    answers.push(await c.call('alerts/list-channels', {}));
    expect(c.alerting.store.deliveries.all().some((x) => x.lastError?.includes('[hidden]'))).toBe(true);
    const seen = `${await everythingVisible(c)}${JSON.stringify(answers)}`;
    for (const secret of [...SECRET_VALUES, DISCORD_URL]) expect(seen, secret).not.toContain(secret);
    // …yet each one is in the keychain, where "Send test" found it.
    expect(only(fake, 'pushover').every((h) => h.body!.token === SECRETS.pushoverToken)).toBe(true);
  });
});

describe('phone channels: checked on the field before saving', () => {
  it.each([
    [{ kind: 'ntfy', config: { ntfyServer: 'http://ntfy.example.com', ntfyTopic: 'ok' } }, 'config.ntfyServer', /https/],
    [{ kind: 'ntfy', config: { ntfyServer: 'https://user:pw@ntfy.example.com', ntfyTopic: 'ok' } }, 'config.ntfyServer', /access token/],
    [{ kind: 'ntfy', config: { ntfyServer: 'https://ntfy.sh' } }, 'config.ntfyTopic', /topic/],
    [{ kind: 'ntfy', config: { ntfyServer: 'https://ntfy.sh', ntfyTopic: 'my topic!' } }, 'config.ntfyTopic', /letters, digits/],
    [{ kind: 'pushover', secret: SECRETS.pushoverToken }, 'signingSecret', /user key/],
    [{ kind: 'pushover', secret: 'short', signingSecret: SECRETS.pushoverUser }, 'secret', /30 letters and digits/],
    [{ kind: 'telegram', secret: 'not-a-token', config: { telegramChatId: '1' } }, 'secret', /@BotFather/],
    [{ kind: 'telegram', secret: SECRETS.telegramToken }, 'config.telegramChatId', /chat id/],
    [{ kind: 'telegram', secret: SECRETS.telegramToken, config: { telegramChatId: 'my group' } }, 'config.telegramChatId', /number/],
    [{ kind: 'discord', secret: 'https://hooks.slack.com/services/T/B/x' }, 'secret', /Discord webhook address/],
    [{ kind: 'discord', secret: `http://discord.com/api/webhooks/${SECRETS.discordId}/${SECRETS.discordToken}` }, 'secret', /Discord webhook address/],
    [{ kind: 'discord' }, 'secret', /webhook address/],
  ] as const)('%j is refused on %s', async (draft, field, words) => {
    const { c } = await setup();
    const r = await c.dispatcher.dispatch('alerts/save-channel', { name: 'x', config: {}, ...draft }, { actor: 'tester' });
    expect(r).toMatchObject({ ok: false, error: { field } });
    expect(!r.ok && r.error.message).toMatch(words);
    expect((await c.call('alerts/list-channels', {})).items).toEqual([]);
  });

  it('an ntfy server on this computer may use http, and the access token is optional', async () => {
    const { fake, c } = await setup();
    fake.state.ntfyProtected.clear();
    const { channel } = await c.call('alerts/save-channel', { kind: 'ntfy', name: 'n', config: { ntfyServer: `${fake.url}/ntfy`, ntfyTopic: 'open-topic' } });
    expect(channel.hasSecret).toBe(false);
    expect(await c.call('alerts/test-channel', { id: channel.id })).toMatchObject({ ok: true });
    expect(only(fake, 'ntfy')[0]!.headers.authorization).toBeUndefined();
  });
});
