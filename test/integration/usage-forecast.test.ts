import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapGithubRun, type GithubJob, type GithubRun } from '../../core/sync/vendors/github/mapper.ts';
import { mapMakeLog, type MakeLog } from '../../core/sync/vendors/make/mapper.ts';
import { mapZapRun } from '../../core/sync/vendors/zapier/mapper.ts';
import { alertCore, incidents, type AlertCore } from './alerts-helpers.ts';

// Usage against the plan (issue #17 part 4): the forecast at fixed clocks, from the Make logs' operations and credits
// and from GitHub job durations. Never the real date: every instant below is pinned.
const fixture = <T>(path: string): T => JSON.parse(readFileSync(new URL(`../fakes/${path}`, import.meta.url), 'utf8')) as T;
const makeLogs = fixture<{ scenarioLogs: MakeLog[] }>('make/fixtures/scenario-logs-usage.json').scenarioLogs;
const ghRun = fixture<GithubRun>('github/fixtures/run-usage.json');
const ghJobs = fixture<{ jobs: GithubJob[] }>('github/fixtures/attempt-jobs-usage.json').jobs;

const DAY = 86_400_000;
const NOV16 = Date.UTC(2026, 10, 16);

function withMake(c: AlertCore): void {
  c.ledger.connectors.create({ id: 'mk', kind: 'make', name: 'Make EU' }, Date.UTC(2026, 9, 1));
  const ctx = { zoneUrl: 'https://eu1.make.com', scenarioId: 4001, scenarioName: 'Sync orders', teamId: 5010 };
  c.ingest({ connectorId: 'mk', cursor: null, records: makeLogs.map((log) => mapMakeLog(log, ctx)) });
}

function withGithub(c: AlertCore): void {
  c.ledger.connectors.create({ id: 'gh', kind: 'github', name: 'GitHub acme' }, Date.UTC(2026, 9, 1));
  c.ingest({ connectorId: 'gh', cursor: null, records: [mapGithubRun(ghRun, 'acme/shop', ghJobs)] });
}

const summaryOf = async (c: AlertCore, id: string) => (await c.call('usage/get-summary', {})).connectors.find((x) => x.connectorId === id)!;

describe('usage: Make operations and credits (exact)', () => {
  it('counts the cycle so far and forecasts its end from the last week’s rate', async () => {
    const c = alertCore();
    withMake(c);
    c.clock.set(NOV16);
    // Default measure for Make is credits; no quota yet: use and forecast, no percentage.
    let u = await summaryOf(c, 'mk');
    expect(u).toMatchObject({ measure: 'credits', basis: 'exact', quota: null, forecastPercent: null, billingDay: 1,
      cycleStart: Date.UTC(2026, 10, 1), cycleEnd: Date.UTC(2026, 11, 1) });
    // 8 runs × 50 credits + 7 × 150; the run still in progress counts nothing yet.
    expect(u.used).toBe(1450);
    // Rate over Nov 9–16: 1050 credits a week = 150 a day; 15 days left.
    expect(u.forecast).toBeCloseTo(1450 + 150 * 15, 6);
    expect(u.top).toEqual([{ workflowId: expect.any(Number), name: 'Sync orders', used: 1450, runs: 16 }]);

    await c.call('usage/set-plan', { connectorId: 'mk', measure: 'operations', quota: 2000, billingDay: 1 });
    u = await summaryOf(c, 'mk');
    expect(u.measure).toBe('operations');
    expect(u.used).toBe(8 * 50 + 7 * 100);
    expect(u.forecast).toBeCloseTo(1100 + 100 * 15, 6);
    expect(u.forecastPercent).toBeCloseTo(130, 6);
    // The plan change is audited.
    expect(c.ledger.audit.list(undefined, 5).some((e) => e.action === 'usage.plan-set' && e.target === 'connector:mk')).toBe(true);
    c.close();
  });

  it('a billing day later in the month moves the cycle; a day past the month’s end begins it on its last day', async () => {
    const c = alertCore();
    withMake(c);
    c.clock.set(Date.UTC(2026, 10, 10, 12));
    await c.call('usage/set-plan', { connectorId: 'mk', measure: 'operations', quota: 5000, billingDay: 5 });
    let u = await summaryOf(c, 'mk');
    expect([u.cycleStart, u.cycleEnd]).toEqual([Date.UTC(2026, 10, 5), Date.UTC(2026, 11, 5)]);
    // Nov 5–8 at 50, Nov 9–10 at 100 (the Nov 10 run at 09:00 is before noon).
    expect(u.used).toBe(4 * 50 + 2 * 100);
    await c.call('usage/set-plan', { connectorId: 'mk', measure: 'operations', quota: 5000, billingDay: 31 });
    c.clock.set(Date.UTC(2026, 10, 12));
    u = await summaryOf(c, 'mk');
    // Cycle: Oct 31 → Nov 30 (November has 30 days).
    expect([u.cycleStart, u.cycleEnd]).toEqual([Date.UTC(2026, 9, 31), Date.UTC(2026, 10, 30)]);
    c.close();
  });

  it('says nothing about the end of the cycle with less than an hour of history', async () => {
    const c = alertCore();
    withMake(c);
    c.clock.set(Date.UTC(2026, 10, 1, 9, 30));
    const u = await summaryOf(c, 'mk');
    expect(u.used).toBe(50);
    expect(u.forecast).toBeNull();
    c.close();
  });
});

describe('usage: GitHub Actions minutes (estimated)', () => {
  it('rounds each job up to the minute and applies the runner multipliers', async () => {
    const c = alertCore();
    withGithub(c);
    c.clock.set(Date.UTC(2026, 10, 16, 6));
    await c.call('usage/set-plan', { connectorId: 'gh', measure: 'minutes', quota: 3000, billingDay: 15 });
    const u = await summaryOf(c, 'gh');
    // Linux 61 s → 2, Windows 30 s → 1 × 2, macOS 3 min → 3 × 10, self-hosted and skipped → 0.
    expect(u).toMatchObject({ measure: 'minutes', basis: 'estimate', used: 34, cycleStart: Date.UTC(2026, 10, 15), cycleEnd: Date.UTC(2026, 11, 15) });
    expect(u.basisNote).toMatch(/Estimated/);
    // One run in the day since the first: 34 a day for the 28.75 days left (Nov 16 06:00 → Dec 15 00:00).
    expect(u.forecast).toBeCloseTo(34 + 34 * 28.75, 6);
    expect(u.forecastPercent).toBeCloseTo((100 * 1011.5) / 3000, 6);
    c.close();
  });

  it('refuses a measure the vendor is not counted in, and a viewer cannot set a plan', async () => {
    const c = alertCore();
    withGithub(c);
    await expect(c.call('usage/set-plan', { connectorId: 'gh', measure: 'credits', quota: 10, billingDay: 1 })).rejects.toThrow(/counted in minutes/);
    const r = await c.dispatcher.dispatch('usage/set-plan', { connectorId: 'gh', measure: 'minutes', quota: 10, billingDay: 1 }, { actor: 'v', role: 'viewer' });
    expect(r.ok).toBe(false);
    const read = await c.dispatcher.dispatch('usage/get-summary', {}, { actor: 'v', role: 'viewer' });
    expect(read.ok).toBe(true);
    c.close();
  });
});

describe('usage: Zapier tasks (estimated, or the owner’s figure)', () => {
  it('estimates tasks from the steps, and a figure typed from Zapier’s page replaces the estimate up to when it was typed', async () => {
    const c = alertCore();
    c.ledger.connectors.create({ id: 'zp', kind: 'zapier', name: 'Zapier' }, Date.UTC(2026, 9, 1));
    const zapRun = (id: string, day: number, actions: number) => mapZapRun({
      id, zap_id: 104445735, start_time: new Date(Date.UTC(2026, 10, day, 8)).toISOString(), end_time: new Date(Date.UTC(2026, 10, day, 8, 0, 5)).toISOString(),
      status: 'success', zap_title: 'Leads to CRM', steps: [{ status: 'success', start_time: null }, ...Array.from({ length: actions }, () => ({ status: 'success', start_time: null }))],
    });
    // Nov 1–10: one run a day with 3 action steps (the trigger is free): 30 tasks.
    c.ingest({ connectorId: 'zp', cursor: null, records: Array.from({ length: 10 }, (_, i) => zapRun(`a${i}`, i + 1, 3)) });
    c.clock.set(Date.UTC(2026, 10, 11));
    let u = await summaryOf(c, 'zp');
    expect(u).toMatchObject({ measure: 'tasks', basis: 'estimate', used: 30 });
    // The owner reads 42 on Zapier's usage page on Nov 11 (Zapier also counted tasks Flowdeck cannot see).
    await c.call('usage/set-plan', { connectorId: 'zp', measure: 'tasks', quota: 750, billingDay: 1, typedUsed: 42 });
    c.ingest({ connectorId: 'zp', cursor: null, records: [zapRun('b1', 11, 2)] });
    c.clock.set(Date.UTC(2026, 10, 12));
    u = await summaryOf(c, 'zp');
    expect(u).toMatchObject({ basis: 'typed', typedUsed: 42, typedAt: Date.UTC(2026, 10, 11), used: 44 });
    expect(u.basisNote).toMatch(/Your figure/);
    // Next cycle the typed figure no longer applies.
    c.clock.set(Date.UTC(2026, 11, 2));
    expect((await summaryOf(c, 'zp')).basis).toBe('estimate');
    c.close();
  });
});

describe('usage: the forecast rule', () => {
  it('opens an incident on the connector when the forecast passes the share of the plan, and resolves when the quota is raised', async () => {
    const c = alertCore();
    withMake(c);
    c.clock.set(NOV16);
    await c.call('usage/set-plan', { connectorId: 'mk', measure: 'credits', quota: 4000, billingDay: 1 });
    const rule = await c.rule({ condition: { kind: 'usage_forecast', percent: 90 } });
    await c.step();
    // 3700 of 4000 = 92.5 %.
    let open = incidents(c).filter((i) => i.ruleId === rule);
    expect(open.map((i) => i.status)).toEqual(['open']);
    expect(open[0]!.summary).toBe('On course to pass 90 % of the plan (4,000 credits) before the cycle ends on 1 Dec');
    await c.call('usage/set-plan', { connectorId: 'mk', measure: 'credits', quota: 10_000, billingDay: 1 });
    await c.step(NOV16 + DAY / 24);
    open = incidents(c).filter((i) => i.ruleId === rule);
    expect(open.map((i) => i.status)).toEqual(['resolved']);
    c.close();
  });
});
