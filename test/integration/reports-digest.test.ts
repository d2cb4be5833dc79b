import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import type { Input, Method, Output } from '../../core/contract/handlers.ts';
import { seedDemo } from '../../core/demo/seed.ts';
import { slaContextSource } from '../../core/monitoring/index.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { emailNotifier } from '../../core/platform/notify/email.ts';
import type { NotificationMessage } from '../../core/platform/notify/types.ts';
import { createSecretStore } from '../../core/platform/secrets/index.ts';
import { startDigestSchedule } from '../../core/reports/index.ts';
import { ledgerDb } from '../../core/store/ledger-db.ts';
import { ManualTimers } from '../support/manual-timers.ts';

const HOUR = 3_600_000;
/** Monday 30 November 2026, 07:00 in Berlin (06:00 UTC). */
const NOW = Date.UTC(2026, 10, 30, 6, 0);

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

type Clocked = Core & { clock: ReturnType<typeof fixedClock> };

function core(now: number): Clocked {
  const clock = fixedClock(now);
  const c = createCore({
    dataDir: ':memory:', clock, logger: createMemoryLogger(), connectors: { secrets: createSecretStore({ kind: 'memory' }) },
    alerting: { notifiers: { email: emailNotifier({ timeoutMs: 5000 }) }, autoStart: false }, digests: { autoStart: false },
  });
  closers.push(() => c.close());
  return Object.assign(c, { clock });
}

async function call<M extends Method>(c: Core, method: M, input: Input<M>): Promise<Output<M>> {
  const r = await c.dispatcher.dispatch(method, input, { actor: 'owner' });
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.output as Output<M>;
}

/** Runs and failed runs per workflow that started in [from, to), counted over raw runs. */
function recount(c: Core, from: number, to: number): Map<number, { runs: number; failed: number }> {
  const rows = ledgerDb(c.ledger).prepare(`SELECT workflow_id AS id, count(*) AS runs, sum(status = 'failed') AS failed FROM runs
    WHERE started_at >= ? AND started_at < ? GROUP BY workflow_id`).all(from, to) as { id: number; runs: number; failed: number }[];
  return new Map(rows.map((r) => [r.id, { runs: r.runs, failed: r.failed }]));
}

/** A mail's MIME parts, decoded (base64 and quoted-printable), by content type. */
function parts(raw: string): { type: string; filename: string | null; body: string }[] {
  const boundaries = [...raw.matchAll(/boundary="?([^";\r\n]+)"?/g)].map((m) => m[1]!);
  let chunks = [raw];
  for (const b of boundaries) chunks = chunks.flatMap((c) => c.split(`--${b}`));
  return chunks.flatMap((chunk) => {
    const split = chunk.indexOf('\r\n\r\n');
    if (split < 0) return [];
    const head = chunk.slice(0, split);
    const type = /Content-Type:\s*([^;\r\n]+)/i.exec(head)?.[1]?.trim();
    if (!type || type.startsWith('multipart/')) return [];
    const encoding = /Content-Transfer-Encoding:\s*(\S+)/i.exec(head)?.[1]?.toLowerCase();
    let body = chunk.slice(split + 4).replace(/\r\n$/, '');
    if (encoding === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    else if (encoding === 'quoted-printable') {
      body = Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
    }
    return [{ type, filename: /filename="?([^";\r\n]+)"?/i.exec(head)?.[1] ?? null, body }];
  });
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\n') { row.push(field.replace(/\r$/, '')); rows.push(row); row = []; field = ''; } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

async function smtpSink(refuse: { next: number } = { next: 0 }): Promise<{ port: number; mails: { to: string[]; data: string }[] }> {
  const mails: { to: string[]; data: string }[] = [];
  const smtp = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'],
    onRcptTo(_address, _session, cb) {
      if (refuse.next > 0) {
        refuse.next--;
        const e = new Error('Try again later') as Error & { responseCode: number };
        e.responseCode = 451;
        cb(e);
        return;
      }
      cb();
    },
    onData(stream, session, cb) {
      let data = '';
      stream.on('data', (c: Buffer) => { data += c.toString(); });
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise<void>((r) => smtp.close(() => r())));
  return { port: (smtp.server.address() as AddressInfo).port, mails };
}

describe('reports over a seeded estate', () => {
  it('counts each workflow’s runs and failures exactly as a recount over raw runs, in whole-hour and half-hour zones', async () => {
    const c = core(NOW);
    seedDemo(c, { now: NOW });
    for (const [timeZone, period] of [['Europe/Berlin', 'week'], ['Asia/Kolkata', 'week'], ['America/New_York', 'month'], ['Europe/Berlin', 'day']] as const) {
      const r = await call(c, 'reports/get-report', { period, offset: -1, timeZone });
      const raw = recount(c, r.from, r.to);
      expect(r.workflows.length).toBeGreaterThan(5);
      expect(new Map(r.workflows.map((w) => [w.workflowId, { runs: w.runs, failed: w.failed }]))).toEqual(raw);
      const runs = [...raw.values()].reduce((n, x) => n + x.runs, 0);
      const failed = [...raw.values()].reduce((n, x) => n + x.failed, 0);
      expect(r.totals).toMatchObject({ runs, failed, successPct: (100 * (runs - failed)) / runs });
      expect(r.partial).toBe(false);
    }
    const week = await call(c, 'reports/get-report', { period: 'week', offset: -1, timeZone: 'Europe/Berlin' });
    expect(week).toMatchObject({ label: 'Week of 23 November 2026', from: Date.UTC(2026, 10, 22, 23), to: Date.UTC(2026, 10, 29, 23) });
    // Stretches of failures: each starts at a failed run and ends at the workflow's next run that did not fail.
    expect(week.breaks.length).toBeGreaterThan(0);
    const db = ledgerDb(c.ledger);
    for (const b of week.breaks.filter((x) => x.fixedAt !== null).slice(0, 10)) {
      const between = db.prepare(`SELECT status FROM runs WHERE workflow_id = ? AND started_at >= ? AND started_at < ?
        AND status IN ('success', 'warning', 'failed') ORDER BY started_at`).all(b.workflowId, b.brokeAt, b.fixedAt) as { status: string }[];
      expect(between.map((x) => x.status)).toEqual(Array(b.failedRuns).fill('failed'));
    }
    const errors = db.prepare(`SELECT count(*) AS n FROM runs WHERE started_at >= ? AND started_at < ? AND error_fingerprint = ?`)
      .get(week.from, week.to, week.topErrors[0]!.fingerprint) as { n: number };
    expect(week.topErrors[0]!.count).toBe(errors.n);
  });

  it('turns the minutes each run saves into hours saved by the runs that did not fail', async () => {
    const c = core(NOW);
    seedDemo(c, { now: NOW });
    const before = await call(c, 'reports/get-report', { period: 'week', offset: -1, timeZone: 'UTC' });
    expect(before.hoursSaved).toBeNull();
    const w = before.workflows[0]!;
    expect(await call(c, 'reports/set-minutes-saved', { workflowId: w.workflowId, minutesPerRun: 6 })).toEqual({ workflowId: w.workflowId, minutesPerRun: 6 });
    expect(ledgerDb(c.ledger).prepare(`SELECT detail_json AS d FROM audit_log WHERE action = 'reports.minutes-saved-updated'`).all()).toHaveLength(1);
    const after = await call(c, 'reports/get-report', { period: 'week', offset: -1, timeZone: 'UTC' });
    expect(after.hoursSaved).toBe(Math.round(((w.runs - w.failed) * 6) / 6) / 10);
  });
});

describe('the email digest', () => {
  it('is sent at the hour the person chose in their zone, through the outbox to a local SMTP server, with the same figures and a CSV', async () => {
    const c = core(NOW);
    seedDemo(c, { now: NOW });
    const smtp = await smtpSink();
    c.ledger.users.add({ login: 'alice', displayName: 'Alice', role: 'operator', passwordHash: 'not-used', createdAt: NOW - HOUR });
    const channel = (await call(c, 'alerts/save-channel', { kind: 'email', name: 'Alice’s mail',
      config: { smtpHost: '127.0.0.1', smtpPort: smtp.port, smtpSecure: false, from: 'flowdeck@example.com', to: ['alice@example.com'] } })).channel.id;
    await call(c, 'oncall/set-person-settings', { login: 'alice', channelIds: [channel] });
    const saved = await call(c, 'reports/set-digest-settings', { login: 'alice', cadence: 'weekly', hour: 8, weekday: 1, timezone: 'Europe/Berlin' });
    // 07:00 in Berlin now: today's 08:00 is next (last Monday's is not sent late).
    expect(saved).toMatchObject({ emailChannels: [{ id: channel }], nextAt: NOW + HOUR });

    const timers = new ManualTimers(c.clock);
    const schedule = startDigestSchedule({ ledger: c.ledger, clock: c.clock, logger: c.logger, sla: slaContextSource(c.ledger), timers,
      enqueue: (ids, m) => c.alerting.outbox.enqueue(ids, null, m) });
    closers.push(() => schedule.stop());
    expect(timers.nextAt()).toBe(NOW + HOUR);
    await timers.advance(HOUR - 1, async () => {});
    expect(await c.alerting.outbox.deliverDue()).toBe(0);
    await timers.advance(1, async () => {});
    expect(await c.alerting.outbox.deliverDue()).toBe(1);
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual(['alice@example.com']);
    expect(mail.data).toContain('Subject: [Flowdeck] Weekly report: Week of 23 November 2026');

    const report = await call(c, 'reports/get-report', { period: 'week', offset: -1, timeZone: 'Europe/Berlin' });
    const raw = recount(c, report.from, report.to);
    const runs = [...raw.values()].reduce((n, x) => n + x.runs, 0);
    const failed = [...raw.values()].reduce((n, x) => n + x.failed, 0);
    const mime = parts(mail.data);
    const html = mime.find((p) => p.type === 'text/html')!.body;
    expect(html).toContain(`${runs} runs, ${failed} failed`);
    const csv = mime.find((p) => p.filename?.endsWith('.csv'))!;
    expect(csv.filename).toBe('flowdeck-report-2026-11-22.csv');
    const rows = parseCsv(csv.body).slice(1);
    const byName = new Map(report.workflows.map((w) => [w.workflowName, w.workflowId]));
    for (const row of rows) {
      const id = byName.get(row[0]!)!;
      expect({ runs: Number(row[2]), failed: Number(row[3]) }).toEqual(raw.get(id));
    }
    expect(rows).toHaveLength(raw.size);
    // Recorded in the audit log, and never sent twice for the same Monday.
    const audit = ledgerDb(c.ledger).prepare(`SELECT actor, target FROM audit_log WHERE action = 'reports.digest-sent'`).all();
    expect(audit).toEqual([{ actor: expect.any(String), target: 'person:alice' }]);
    await timers.advance(6 * 24 * HOUR, async () => {});
    expect(await c.alerting.outbox.deliverDue()).toBe(0);
    await timers.advance(24 * HOUR, async () => {});
    expect(await c.alerting.outbox.deliverDue()).toBe(1);
  });

  it('keeps the local hour across a DST change (Berlin in October, New York in March)', async () => {
    for (const { zone, start, expected } of [
      // 08:00 in Berlin is 06:00 UTC in summer time, 07:00 UTC from Sunday 25 October 2026.
      { zone: 'Europe/Berlin', start: Date.UTC(2026, 9, 23, 12), expected: [Date.UTC(2026, 9, 24, 6), Date.UTC(2026, 9, 25, 7), Date.UTC(2026, 9, 26, 7)] },
      // 08:00 in New York is 13:00 UTC in winter, 12:00 UTC from Sunday 8 March 2026.
      { zone: 'America/New_York', start: Date.UTC(2026, 2, 6, 18), expected: [Date.UTC(2026, 2, 7, 13), Date.UTC(2026, 2, 8, 12), Date.UTC(2026, 2, 9, 12)] },
    ]) {
      const c = core(start);
      c.ledger.users.add({ login: 'bo', displayName: 'Bo', role: 'viewer', passwordHash: 'not-used', createdAt: start });
      const channel = (await call(c, 'alerts/save-channel', { kind: 'email', name: 'mail', config: { smtpHost: '127.0.0.1', smtpPort: 1, to: ['bo@example.com'] } })).channel.id;
      await call(c, 'oncall/set-person-settings', { login: 'bo', channelIds: [channel] });
      await call(c, 'reports/set-digest-settings', { login: 'bo', cadence: 'daily', hour: 8, timezone: zone });
      const sent: { at: number; message: NotificationMessage }[] = [];
      const timers = new ManualTimers(c.clock);
      const schedule = startDigestSchedule({ ledger: c.ledger, clock: c.clock, logger: c.logger, sla: () => null, timers,
        enqueue: (_ids, message) => { sent.push({ at: c.clock.now(), message }); return 1; } });
      closers.push(() => schedule.stop());
      await timers.advance(3 * 24 * HOUR, async () => {});
      expect(sent.map((s) => s.at)).toEqual(expected);
      expect(sent[0]!.message).toMatchObject({ kind: 'digest', title: expect.stringContaining('Daily report'), attachments: [expect.objectContaining({ contentType: 'text/csv' })] });
    }
  });

  it('is retried by the outbox when the SMTP server asks to try later, and skips a disabled person and one without an email channel', async () => {
    const c = core(NOW);
    const refuse = { next: 1 };
    const smtp = await smtpSink(refuse);
    const channel = (await call(c, 'alerts/save-channel', { kind: 'email', name: 'mail',
      config: { smtpHost: '127.0.0.1', smtpPort: smtp.port, smtpSecure: false, to: ['team@example.com'] } })).channel.id;
    for (const login of ['ann', 'dee', 'nobody']) {
      const id = c.ledger.users.add({ login, displayName: login, role: 'operator', passwordHash: 'not-used', createdAt: NOW - HOUR });
      if (login === 'dee') c.ledger.users.disable(id, NOW - HOUR);
      if (login !== 'nobody') await call(c, 'oncall/set-person-settings', { login, channelIds: [channel] });
      await call(c, 'reports/set-digest-settings', { login, cadence: 'daily', hour: 7, timezone: 'UTC' });
    }
    const timers = new ManualTimers(c.clock);
    const schedule = startDigestSchedule({ ledger: c.ledger, clock: c.clock, logger: c.logger, sla: () => null, timers,
      enqueue: (ids, m) => c.alerting.outbox.enqueue(ids, null, m) });
    closers.push(() => schedule.stop());
    await timers.advance(HOUR, async () => {});
    expect(await c.alerting.outbox.deliverDue()).toBe(1);
    expect(smtp.mails).toHaveLength(0);
    c.clock.advance(30_000);
    expect(await c.alerting.outbox.deliverDue()).toBe(1);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.data).toContain('Subject: [Flowdeck] Daily report: 29 November 2026');
    expect(parts(smtp.mails[0]!.data).find((p) => p.type === 'text/html')!.body).toContain('No runs in this period.');
    const audit = ledgerDb(c.ledger).prepare(`SELECT target FROM audit_log WHERE action = 'reports.digest-sent'`).all();
    expect(audit).toEqual([{ target: 'person:ann' }]);
  });
});
