import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../core/app.ts';
import { BACKOFF_MS } from '../../core/notify/outbox.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../../core/platform/notify/webhook.ts';
import { emailNotifier } from '../../core/platform/notify/email.ts';
import { slackNotifier, teamsNotifier } from '../../core/platform/notify/chat.ts';
import { webhookNotifier } from '../../core/platform/notify/webhook.ts';
import { alertCore, incidents, T0 } from './alerts-helpers.ts';
import { ledgerDb } from '../../core/store/ledger-db.ts';

interface Hit { path: string; headers: IncomingMessage['headers']; body: string }

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A local HTTP sink on port 0 that records every request and answers `status`. */
async function sink(status = 200): Promise<{ url: string; hits: Hit[]; setStatus(s: number): void }> {
  const hits: Hit[] = [];
  let answer = status;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      hits.push({ path: req.url ?? '', headers: req.headers, body });
      res.writeHead(answer).end(answer === 200 ? 'ok' : 'invalid_token');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, setStatus: (s) => { answer = s; } };
}

function realChannels() {
  return alertCore({ notifiers: { slack: slackNotifier(), teams: teamsNotifier(), webhook: webhookNotifier(), email: emailNotifier({ timeoutMs: 5000 }) } });
}

describe('notification channels against local servers', () => {
  it('Slack, Teams and a signed webhook receive the incident in their own format', async () => {
    const s = await sink();
    const c = realChannels();
    const ids = [
      (await c.call('alerts/save-channel', { kind: 'slack', name: 'slack', secret: `${s.url}/slack/T000/B000/hook-secret-7f3a` })).channel.id,
      (await c.call('alerts/save-channel', { kind: 'teams', name: 'teams', secret: `${s.url}/teams` })).channel.id,
      (await c.call('alerts/save-channel', { kind: 'webhook', name: 'hook', secret: `${s.url}/hook`, signingSecret: 'k3y' })).channel.id,
    ];
    c.run('w1', 'failed');
    await c.rule({ name: 'Any failure', condition: { kind: 'any_failure', graceMinutes: 0 }, routing: { channelIds: ids, remindEveryMinutes: null, escalateAfterMinutes: null, backupChannelIds: [], recoveryMinutes: 0, flapMinutes: 30 } });
    await c.step();
    const byPath = Object.fromEntries(s.hits.map((h) => [h.path.split('/')[1], h]));
    expect(JSON.parse(byPath.slack!.body)).toMatchObject({ text: expect.stringContaining('Workflow w1'), blocks: expect.any(Array) });
    expect(JSON.parse(byPath.teams!.body)).toMatchObject({ '@type': 'MessageCard', title: expect.stringContaining('Any failure') });
    const hook = byPath.hook!;
    expect(JSON.parse(hook.body)).toMatchObject({ event: 'incident.opened', incidentId: incidents(c)[0]!.id });
    expect(verifySignature('k3y', hook.headers[TIMESTAMP_HEADER] as string, hook.body, hook.headers[SIGNATURE_HEADER] as string)).toBe(true);
    expect(verifySignature('other', hook.headers[TIMESTAMP_HEADER] as string, hook.body, hook.headers[SIGNATURE_HEADER] as string)).toBe(false);
    // Secrets never reach the channel list or the audit log.
    const listed = JSON.stringify(await c.call('alerts/list-channels', {}));
    const audit = JSON.stringify(await c.call('audit/search-entries', {}));
    expect(listed).not.toContain('hook-secret-7f3a');
    expect(audit).not.toContain('hook-secret-7f3a');
    expect(audit).not.toContain('k3y');
  });

  it('"Send test" reports a rejected webhook with the reason, and Settings shows the failing channel', async () => {
    const s = await sink(403);
    const c = realChannels();
    const id = (await c.call('alerts/save-channel', { kind: 'slack', name: 'slack', secret: `${s.url}/x` })).channel.id;
    const r = await c.call('alerts/test-channel', { id });
    expect(r).toMatchObject({ ok: false, reason: 'failed', message: expect.stringContaining('403') });
    const [ch] = (await c.call('alerts/list-channels', {})).items;
    expect(ch).toMatchObject({ lastError: expect.stringContaining('403'), lastFailureAt: T0 });
    s.setStatus(200);
    expect(await c.call('alerts/test-channel', { id })).toMatchObject({ ok: true });
    expect((await c.call('alerts/list-channels', {})).items[0]).toMatchObject({ lastError: null, lastSuccessAt: T0 });
  });

  it('an unreachable webhook is retried with backoff, then marked failed — never dropped silently', async () => {
    const s = await sink();
    const dead = s.url.replace(/:\d+$/, ':1');
    const c = realChannels();
    const id = (await c.call('alerts/save-channel', { kind: 'webhook', name: 'hook', secret: `${dead}/hook` })).channel.id;
    c.run('w1', 'failed');
    await c.rule({ condition: { kind: 'any_failure', graceMinutes: 0 }, routing: { channelIds: [id], remindEveryMinutes: null, escalateAfterMinutes: null, backupChannelIds: [], recoveryMinutes: 0, flapMinutes: 30 } });
    await c.step();
    let [d] = c.alerting.store.deliveries.all();
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('Could not reach') });
    let t = T0;
    for (const wait of BACKOFF_MS) {
      t += wait;
      await c.step(t);
    }
    [d] = c.alerting.store.deliveries.all();
    expect(d).toMatchObject({ status: 'failed', attempts: BACKOFF_MS.length + 1 });
  });

  it('rejects a webhook address that is not a URL at save time, on the field', async () => {
    const c = realChannels();
    await expect(c.call('alerts/save-channel', { kind: 'slack', name: 's', secret: 'hooks.slack.com/abc' })).rejects.toMatchObject({ field: 'secret' });
    await expect(c.call('alerts/save-channel', { kind: 'email', name: 'e', config: { to: ['a@b.co'] } })).rejects.toMatchObject({ field: 'config.smtpHost' });
  });

  it('without a keychain a channel secret is refused plainly and nothing is kept in the database', async () => {
    const core = createCore({ dataDir: ':memory:', clock: fixedClock(T0), logger: createMemoryLogger() });
    const r = await core.dispatcher.dispatch('alerts/save-channel', { kind: 'slack', name: 's', secret: 'https://hooks.example.test/T/B/secret-token' }, { actor: 'a' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'unavailable', code: 'keychain_unavailable', field: 'secret' } });
    expect(core.alerting.store.rules.listChannels()).toEqual([]);
    expect(JSON.stringify(ledgerDb(core.ledger).prepare('SELECT * FROM settings').all())).not.toContain('secret-token');
    core.close();
  });

  it('email goes through a local SMTP server; a refusing server is a visible failure', async () => {
    const received: { from: string; to: string[]; data: string }[] = [];
    let refuse = false;
    const smtp = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'],
      onAuth(auth, _session, cb) {
        if (auth.username === 'ops' && auth.password === 's3cret') cb(null, { user: 'ops' });
        else cb(new Error('Invalid username or password'));
      },
      onRcptTo(address, _session, cb) {
        if (refuse) { const e = new Error('Mailbox unavailable') as Error & { responseCode: number }; e.responseCode = 550; cb(e); return; }
        cb();
      },
      onData(stream, session, cb) {
        let data = '';
        stream.on('data', (c: Buffer) => { data += c.toString(); });
        stream.on('end', () => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data });
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise((r) => smtp.close(() => r())));
    const port = (smtp.server.address() as AddressInfo).port;
    const c = realChannels();
    const id = (await c.call('alerts/save-channel', { kind: 'email', name: 'mail', secret: 's3cret',
      config: { smtpHost: '127.0.0.1', smtpPort: port, smtpSecure: false, smtpUser: 'ops', from: 'flowdeck@example.com', to: ['oncall@example.com'] } })).channel.id;
    expect(await c.call('alerts/test-channel', { id })).toMatchObject({ ok: true });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ from: 'flowdeck@example.com', to: ['oncall@example.com'] });
    expect(received[0]!.data).toContain('Subject: [Flowdeck] Flowdeck test notification');
    refuse = true;
    const r = await c.call('alerts/test-channel', { id });
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('refused') });
    expect((await c.call('alerts/list-channels', {})).items[0]!.lastError).toContain('Mailbox unavailable');
  });

  it('email over STARTTLS to a server with an untrusted certificate fails visibly and the password is never sent', async () => {
    let authAttempts = 0;
    // smtp-server offers STARTTLS with its bundled self-signed certificate.
    const smtp = new SMTPServer({ authOptional: true, onAuth(_a, _s, cb) { authAttempts++; cb(null, { user: 'ops' }); } });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise((r) => smtp.close(() => r())));
    const port = (smtp.server.address() as AddressInfo).port;
    const c = realChannels();
    const id = (await c.call('alerts/save-channel', { kind: 'email', name: 'mail', secret: 's3cret',
      config: { smtpHost: '127.0.0.1', smtpPort: port, smtpSecure: false, smtpUser: 'ops', to: ['oncall@example.com'] } })).channel.id;
    const r = await c.call('alerts/test-channel', { id });
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/certificate/i) });
    expect(authAttempts).toBe(0);
  });
});
