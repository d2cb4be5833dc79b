import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testCore, T0 } from '../../test/support/core.ts';
import { MonitoringRepo } from '../store/monitoring-repo.ts';
import { alignDays, DAY } from './buckets.ts';
import { slaReport } from './sla.ts';
import { expectedWindows } from './sla-schedule.ts';
import type { SlaExpectation } from './sla-expectations.ts';
import { ledgerDb } from '../store/ledger-db.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const day0 = Math.floor(T0 / DAY) * DAY;

describe('expected windows', () => {
  it('an every-15-minutes interval expects 96 runs a day, and only up to the cutoff on the last day', () => {
    const w = expectedWindows({ kind: 'interval', everyMs: 15 * MINUTE }, day0 - 2 * DAY, day0 + DAY, 0, day0 + 6 * HOUR);
    expect(w.map((x) => x.expected)).toEqual([96, 96, 24]);
  });

  it('starts at the first run, not before', () => {
    const w = expectedWindows({ kind: 'interval', everyMs: HOUR }, day0 - 3 * DAY, day0, day0 - DAY - 12 * HOUR, day0);
    expect(w).toEqual([{ from: day0 - 2 * DAY, to: day0 - DAY, expected: 12 }, { from: day0 - DAY, to: day0, expected: 24 }]);
  });

  it('a schedule longer than a day expects one run per window of its length', () => {
    const w = expectedWindows({ kind: 'interval', everyMs: 3 * DAY }, day0 - 9 * DAY, day0, 0, day0);
    expect(w.map((x) => [x.to - x.from, x.expected])).toEqual([[3 * DAY, 1], [3 * DAY, 1], [3 * DAY, 1]]);
  });

  it('a weekday cron at 06:00 Berlin expects 5 runs a week, and the DST change does not add or drop one', () => {
    // 2026-10-19 (Mon) to 2026-11-02 (Mon): two weeks across the end of summer time on 25 October.
    const from = Date.UTC(2026, 9, 19);
    const w = expectedWindows({ kind: 'cron', cron: '0 6 * * 1-5', timezone: 'Europe/Berlin' }, from, from + 14 * DAY, 0, from + 14 * DAY);
    expect(w.reduce((n, x) => n + x.expected, 0)).toBe(10);
    expect(w.filter((x) => new Date(x.from).getUTCDay() === 0).every((x) => x.expected === 0)).toBe(true);
  });
});

describe('SLA against an expected schedule', () => {
  const hourly = (basis: SlaExpectation['basis']): SlaExpectation => ({ basis, schedule: { kind: 'interval', everyMs: HOUR }, graceMs: 5 * MINUTE, thresholdMs: null });

  it('a scheduled workflow that stopped running shows its missed runs, and one that never ran in the range still shows', () => {
    const core = testCore({ connectors: ['c1'] });
    // wf-1 ran hourly for 3 days then stopped 24 hours before now; wf-2 is known but never ran.
    const start = day0 - 5 * DAY;
    for (let t = start, i = 0; t < T0 - DAY; t += HOUR, i++) {
      core.ingest({ connectorId: 'c1', cursor: String(i), records: [{ externalId: `r${i}`, workflow: { externalId: 'wf-1', name: 'Hourly sync' },
        rawStatus: i % 10 === 0 ? 'error' : 'success', startedAt: t, finishedAt: t + 1000 }] });
    }
    ledgerDb(core.ledger).prepare(`INSERT INTO workflows (connector_id, external_id, name, created_at, updated_at) VALUES ('c1', 'wf-2', 'Never ran', ?, ?)`).run(day0 - 2 * DAY, day0 - 2 * DAY);
    const repo = new MonitoringRepo(ledgerDb(core.ledger));
    const ids = new Map(repo.workflows().map((w) => [w.name, w.id]));
    const out = slaReport(repo, { from: day0 - 7 * DAY, to: T0 }, {
      now: T0, expectations: new Map([[ids.get('Hourly sync')!, hourly('registry')], [ids.get('Never ran')!, hourly('rule')]]),
      createdAt: new Map([[ids.get('Never ran')!, day0 - 2 * DAY]]), firstWeeks: repo.firstWeeks(),
    });
    const stopped = out.rows.find((r) => r.workflowName === 'Hourly sync')!;
    const raw = ledgerDb(core.ledger).prepare(`SELECT count(*) AS n, sum(status = 'failed') AS f FROM runs`).get() as { n: number; f: number };
    const expected = Math.floor((T0 - 5 * MINUTE - start) / HOUR);
    expect(stopped).toMatchObject({ basis: 'registry', expectedLabel: 'every hour', runs: raw.n, expectedRuns: expected, missedRuns: expected - raw.n,
      succeeded: raw.n - raw.f, compliancePct: (100 * (raw.n - raw.f)) / expected });
    const never = out.rows.find((r) => r.workflowName === 'Never ran')!;
    expect(never).toMatchObject({ basis: 'rule', runs: 0, missedRuns: never.expectedRuns, compliancePct: 0 });
    expect(never.expectedRuns).toBe(Math.floor((T0 - 5 * MINUTE - (day0 - 2 * DAY)) / HOUR));
    expect(out.rows[0]!.workflowName).toBe('Never ran');
    core.close();
  });

  it('per window, missed runs equal the expected runs the raw runs do not cover (randomised)', () => {
    const arb = fc.tuple(fc.array(fc.integer({ min: 0, max: 10 * 24 * 4 }), { minLength: 1, maxLength: 80 }), fc.constantFrom(30, 60, 240, 1440, 2880));
    fc.assert(fc.property(arb, ([slots, everyMinutes]) => {
      const core = testCore({ connectors: ['c1'] });
      slots.forEach((q, i) => core.ingest({ connectorId: 'c1', cursor: String(i), records: [{ externalId: `r${i}`,
        workflow: { externalId: 'wf', name: 'W' }, rawStatus: 'success', startedAt: T0 - q * 15 * MINUTE, finishedAt: T0 - q * 15 * MINUTE + 10 }] }));
      const repo = new MonitoringRepo(ledgerDb(core.ledger));
      const id = repo.workflows()[0]!.id;
      const exp: SlaExpectation = { basis: 'rule', schedule: { kind: 'interval', everyMs: everyMinutes * MINUTE }, graceMs: 0, thresholdMs: null };
      const range = { from: T0 - 7 * DAY, to: T0 };
      const out = slaReport(repo, range, { now: T0, expectations: new Map([[id, exp]]), createdAt: new Map(), firstWeeks: repo.firstWeeks() });
      const raw = (ledgerDb(core.ledger).prepare('SELECT started_at AS t FROM runs').all() as { t: number }[]).map((r) => r.t);
      const { from, to } = alignDays(range.from, range.to);
      const first = Math.min(...raw);
      const since = Math.floor(first / DAY / 7) * 7 * DAY + 7 * DAY <= from ? from : first;
      let missed = 0;
      for (const w of expectedWindows(exp.schedule!, from, to, since, T0)) missed += Math.max(0, w.expected - raw.filter((t) => t >= w.from && t < w.to).length);
      const row = out.rows[0]!;
      expect(row.runs).toBe(raw.filter((t) => t >= from && t < to).length);
      expect(row.missedRuns).toBe(missed);
      core.close();
    }), { numRuns: 40 });
  });

  it('an event-driven workflow (no known schedule) shows only an estimated cadence: no missed runs, no compliance, after every measured row', () => {
    const core = testCore({ connectors: ['c1'] });
    // "Deploy – Production": bursts of deploys with days of silence between them; "Nightly": a known daily schedule.
    const deploys = [6.9, 6.8, 6.7, 4.2, 4.1, 0.5].map((d) => T0 - d * DAY);
    deploys.forEach((t, i) => core.ingest({ connectorId: 'c1', cursor: `d${i}`, records: [{ externalId: `d${i}`, workflow: { externalId: 'deploy', name: 'Deploy – Production' },
      rawStatus: i === 3 ? 'error' : 'success', startedAt: t, finishedAt: t + 1000 }] }));
    for (let d = 6; d >= 2; d--) {
      core.ingest({ connectorId: 'c1', cursor: `n${d}`, records: [{ externalId: `n${d}`, workflow: { externalId: 'nightly', name: 'Nightly' },
        rawStatus: 'success', startedAt: day0 - d * DAY + 2 * HOUR, finishedAt: day0 - d * DAY + 2 * HOUR + 1000 }] });
    }
    const repo = new MonitoringRepo(ledgerDb(core.ledger));
    const ids = new Map(repo.workflows().map((w) => [w.name, w.id]));
    const daily: SlaExpectation = { basis: 'registry', schedule: { kind: 'interval', everyMs: DAY }, graceMs: 5 * MINUTE, thresholdMs: null };
    const out = slaReport(repo, { from: day0 - 7 * DAY, to: T0 }, {
      now: T0, expectations: new Map([[ids.get('Nightly')!, daily]]), createdAt: new Map(), firstWeeks: repo.firstWeeks(),
    });
    expect(out.rows.map((r) => r.workflowName)).toEqual(['Nightly', 'Deploy – Production']);
    const deploy = out.rows[1]!;
    expect(deploy).toMatchObject({ basis: 'observed', runs: 6, succeeded: 5, missedRuns: 0, compliancePct: null, expectedRuns: null });
    expect(deploy.expectedLabel).toMatch(/^estimated: about every /);
    // The known schedule is still counted: it stopped two days ago.
    expect(out.rows[0]!.missedRuns).toBeGreaterThan(0);
    expect(out.rows[0]!.compliancePct).toBeLessThan(100);
    core.close();
  });
});
