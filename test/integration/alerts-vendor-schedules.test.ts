import { afterEach, describe, expect, it } from 'vitest';
import { mapGithubWorkflow } from '../../core/sync/vendors/github/mapper.ts';
import { mapMakeScenario } from '../../core/sync/vendors/make/mapper.ts';
import type { WorkflowDefinition } from '../../core/sync/vendors/types.ts';
import { alertCore, incidents, MIN, type AlertCore } from './alerts-helpers.ts';

/**
 * Missed-run rules with `schedule: auto` on Make and GitHub workflows: the expectation comes from the definition the
 * real connector mappers store, runs are generated on that schedule, then stop; the incident opens exactly at the
 * next due time plus the grace, and not before.
 */
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NO_ESCALATION = { remindEveryMinutes: null, escalateAfterMinutes: null, backupChannelIds: [], recoveryMinutes: 0, flapMinutes: 30 };

let core: AlertCore | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

/** A connector of `kind` whose workflows were listed 30 days before `now`; `watch` adds the rule once history is in. */
function setup(kind: 'make' | 'github', workflows: WorkflowDefinition[], now: number) {
  const c = (core = alertCore());
  c.clock.set(now - 30 * DAY);
  c.ledger.connectors.create({ id: kind, kind, name: kind }, c.clock.now());
  c.connectors.repo.upsertWorkflows(kind, workflows, c.clock.now());
  c.clock.set(now);
  // Polled just now: the live state judges silence only for what a poll has seen.
  c.connectors.repo.recordPoll(kind, { at: now, nextPollAt: null, ok: true, error: null, consecutiveFailures: 0, runsInserted: 0, firstSyncDone: true });
  const watch = async (graceMinutes: number) => {
    const ch = await c.channel('desk');
    await c.rule({ condition: { kind: 'missed_run', schedule: { kind: 'auto' }, graceMinutes }, routing: { channelIds: [ch], ...NO_ESCALATION } });
  };
  let seq = 0;
  const run = (wf: WorkflowDefinition, startedAt: number) => c.ingest({ connectorId: kind, cursor: null, records: [{
    externalId: `${kind}-${++seq}`, workflow: { externalId: wf.externalId, name: wf.name }, rawStatus: 'success', status: 'success',
    startedAt, finishedAt: startedAt + 20_000, durationMs: 20_000,
  }] });
  return { c, run, watch, open: () => incidents(c).filter((i) => i.status === 'open').map((i) => i.targetName) };
}

const scenario = (id: number, name: string, scheduling: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  ({ ...mapMakeScenario({ id, name, teamId: 10, isActive: true, scheduling }, { code: 'OK', response: { blueprint: { name, flow: [] }, scheduling } }, 'https://eu1.make.com'), ...extra });

const githubFile = (id: number, name: string, yaml: string, state = 'active') => mapGithubWorkflow(
  { id, name, path: `.github/workflows/${id}.yml`, state }, 'acme/web', { sha: `sha-${id}`, encoding: 'base64', content: Buffer.from(yaml).toString('base64') });

describe('missed runs derived from Make scheduling', () => {
  it('daily at 08:30 (UTC): runs every morning, then none; the incident opens at 08:30 + grace on the missed day', async () => {
    const daily = scenario(4835, 'Bank to Sheets', { type: 'daily', time: '08:30' });
    const instant = scenario(4821, 'Stripe to Xero', { type: 'immediately' });
    const now = Date.UTC(2026, 10, 25, 12, 0);
    const { c, run, watch, open } = setup('make', [daily, instant], now);
    for (let d = 5; d >= 0; d--) run(daily, Date.UTC(2026, 10, 25 - d, 8, 30, 4 + d));
    run(instant, now - 5 * DAY);
    await watch(10);
    for (const t of [now, Date.UTC(2026, 10, 26, 8, 30), Date.UTC(2026, 10, 26, 8, 39, 59)]) {
      await c.step(t);
      expect(open(), new Date(t).toISOString()).toEqual([]);
    }
    await c.step(Date.UTC(2026, 10, 26, 8, 40));
    expect(open()).toEqual(['Bank to Sheets']);
    expect(c.sent.map((s) => s.kind)).toEqual(['opened']);
    // The late run arrives: resolved. The instant scenario never expected anything.
    run(daily, Date.UTC(2026, 10, 26, 8, 41));
    await c.step(Date.UTC(2026, 10, 26, 8, 42));
    expect(open()).toEqual([]);
    await c.step(Date.UTC(2026, 11, 10));
    expect(incidents(c).map((i) => i.targetName).sort()).toEqual(['Bank to Sheets', 'Bank to Sheets']);
  });

  it('reads the time in the scenario’s zone when the definition has one (08:30 Berlin = 07:30 UTC in November)', async () => {
    const daily = scenario(4836, 'Berlin report', { type: 'daily', time: '08:30' }, {});
    const withZone = { ...daily, definition: { ...(daily.definition as Record<string, unknown>), timezone: 'Europe/Berlin' } };
    const now = Date.UTC(2026, 10, 25, 12, 0);
    const { c, run, watch, open } = setup('make', [withZone], now);
    run(withZone, Date.UTC(2026, 10, 25, 7, 30, 2));
    await watch(5);
    await c.step(Date.UTC(2026, 10, 26, 7, 34, 59));
    expect(open()).toEqual([]);
    await c.step(Date.UTC(2026, 10, 26, 7, 35));
    expect(open()).toEqual(['Berlin report']);
  });

  it('every 15 minutes restricted to weekdays 09:00-17:00: quiet nights and weekends, an incident on Monday at 09:20', async () => {
    const s = scenario(4830, 'Shopify to ShipStation', { type: 'indefinitely', interval: 900, restrict: [{ days: [1, 2, 3, 4, 5], time: ['09:00', '17:00'] }] });
    // Friday 27 November 2026, runs from 09:00 to 16:45 UTC.
    const friday = Date.UTC(2026, 10, 27);
    const { c, run, watch, open } = setup('make', [s], friday + 17 * HOUR);
    for (let t = friday + 9 * HOUR; t < friday + 17 * HOUR; t += 15 * MIN) run(s, t + 3_000);
    await watch(5);
    for (let t = friday + 17 * HOUR; t < friday + 3 * DAY + 9 * HOUR + 20 * MIN; t += 30 * MIN) {
      await c.step(t);
      expect(open(), new Date(t).toISOString()).toEqual([]);
    }
    await c.step(friday + 3 * DAY + 9 * HOUR + 20 * MIN);
    expect(open()).toEqual(['Shopify to ShipStation']);
  });
});

describe('missed runs derived from GitHub on.schedule', () => {
  const TWO_CRONS = `name: Audit\non:\n  schedule:\n    - cron: '0 3 * * *'\n    - cron: '30 14 * * 1-5'\n  workflow_dispatch:\njobs:\n  audit:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm audit\n`;

  it('two crons: the next run is due at the earlier one; GitHub’s late starts inside the grace are fine', async () => {
    const audit = githubFile(61234507, 'Security audit', TWO_CRONS);
    const disabled = githubFile(61234508, 'Old audit', TWO_CRONS, 'disabled_manually');
    const pushOnly = githubFile(61234501, 'CI', 'name: CI\non: [push]\njobs: {}\n');
    const now = Date.UTC(2026, 10, 23, 0, 0); // Monday
    const { c, run, watch, open } = setup('github', [audit, disabled, pushOnly], now);
    run(disabled, now - 2 * DAY);
    run(pushOnly, now - 2 * DAY);
    run(audit, now - 21 * HOUR + 7 * MIN); // Sunday 03:07
    await watch(30);
    // Monday and Tuesday: 03:00 daily and 14:30 on weekdays, each started 4 to 12 minutes late.
    const ticks = [[23, 3, 0], [23, 14, 30], [24, 3, 0], [24, 14, 30], [25, 3, 0]] as const;
    for (const [i, [d, h, m]] of ticks.entries()) {
      const due = Date.UTC(2026, 10, d, h, m);
      await c.step(due + 20 * MIN);
      expect(open(), new Date(due).toISOString()).toEqual([]);
      run(audit, due + (4 + 2 * i) * MIN);
    }
    // Wednesday 14:30 is missed: not before 15:00, then open.
    await c.step(Date.UTC(2026, 10, 25, 14, 59, 59));
    expect(open()).toEqual([]);
    await c.step(Date.UTC(2026, 10, 25, 15, 0));
    expect(open()).toEqual(['Security audit (acme/web)']);
    expect(incidents(c).map((i) => i.targetName)).toEqual(['Security audit (acme/web)']);
  });
});
