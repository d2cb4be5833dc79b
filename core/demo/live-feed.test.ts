import { describe, expect, it } from 'vitest';
import { fixedClock } from '../platform/clock.ts';
import { githubSchedule } from '../sync/vendors/github/schedule.ts';
import { WORKFLOWS } from './catalog.ts';
import { ERRORS } from './errors.ts';
import { LiveFeed } from './live-feed.ts';
import { seedSimulators } from './live-estate.ts';
import { createRng } from './prng.ts';
import { FakeGithubState } from './vendors/github/state.ts';
import { FakeMakeState } from './vendors/make/state.ts';
import { N8nState } from './vendors/n8n/state.ts';
import type { VendorSimulators } from './vendors/servers.ts';
import { ZapierState } from './vendors/zapier/state.ts';

const T0 = Date.UTC(2026, 10, 25, 12);

function feedFor(seed: number, start = T0, scheduledFrom?: number, before?: (sims: VendorSimulators) => void) {
  const clock = fixedClock(start);
  const sims: VendorSimulators = {
    n8n: { url: 'http://127.0.0.1:1', state: new N8nState({ now: () => clock.now() }) },
    make: { url: 'http://127.0.0.1:2', state: new FakeMakeState({ clock }) },
    github: { url: 'http://127.0.0.1:3', state: new FakeGithubState({ clock }) },
    zapier: { url: 'http://127.0.0.1:4', state: new ZapierState() },
    close: () => Promise.resolve(),
  };
  // No ledger: no registry definitions and no seeded runs to carry over.
  const fakeCore = {
    clock, registry: { repo: { find: () => undefined } }, ledger: { runs: { list: () => ({ items: [], nextCursor: null }) } },
  } as unknown as Parameters<typeof seedSimulators>[0];
  seedSimulators(fakeCore, sims, { make: 'm', github: 'g', zapier: 'z' });
  before?.(sims);
  const changed: string[] = [];
  const feed = new LiveFeed({ sims, rng: createRng(seed), now: () => clock.now(), changed: (v) => changed.push(v), ...(scheduledFrom ? { scheduledFrom } : {}) });
  const runs = () => ({
    n8n: [...sims.n8n.state.executions.values()].map((e) => [e.workflowId, e.status, e.error?.message ?? null]),
    make: sims.make.state.truth().map((l) => [l.scenarioId, l.status, l.error?.message ?? null]),
    github: sims.github.state.truth().map((r) => [r.status, r.failing]),
    zapier: sims.zapier.state.runs.map((r) => [r.zap_id, r.status, r.data_out]),
  });
  return { clock, feed, changed, runs, sims };
}

/** An hour of the feed, ticking every 5 s. */
function hour(f: ReturnType<typeof feedFor>) {
  for (let t = 0; t < 3_600_000; t += 5_000) {
    f.clock.advance(5_000);
    f.feed.tick();
  }
}

describe('the live demo feed', () => {
  it('starts a few runs every 20–60 s, ends them after their duration, and fails some with their usual error', () => {
    const f = feedFor(7);
    hour(f);
    // 60–180 arrivals of 1–3 runs each in an hour.
    expect(f.feed.started).toBeGreaterThanOrEqual(60);
    expect(f.feed.started).toBeLessThanOrEqual(540);
    // Runs end after their duration (5 minutes at most): only the last minutes' are still going.
    expect(f.feed.finished + f.feed.running).toBe(f.feed.started);
    expect(f.feed.running).toBeLessThan(f.feed.started / 10);
    const all = f.runs();
    const failed = [
      ...all.n8n.filter((r) => r[1] === 'error'), ...all.make.filter((r) => r[1] === 3), ...all.github.filter((r) => r[0] === 'failed'),
      ...all.zapier.filter((r) => r[1] === 'error'),
    ];
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(f.feed.started / 3);
    expect(new Set(f.changed)).toEqual(new Set(['n8n', 'make', 'zapier', 'github']));
  });

  it('is deterministic for a seed', () => {
    const a = feedFor(11);
    const b = feedFor(11);
    hour(a);
    hour(b);
    expect(a.runs()).toEqual(b.runs());
    const c = feedFor(12);
    hour(c);
    expect(c.runs()).not.toEqual(a.runs());
  });

  it('starts the scheduled GitHub workflows on the crons their files declare, and at no other time', () => {
    // Saturday 2026-11-28 02:00 UTC, five hours: the nightly audit is due at 03:00; the weekday report is not.
    const f = feedFor(3, Date.UTC(2026, 10, 28, 2));
    const { state } = f.sims.github;
    const files = [...state.repos.values()].flatMap((r) => r.workflows);
    const scheduleOf = (name: string) => githubSchedule({ ...files.find((w) => w.name === name)! });
    expect(scheduleOf('Security – Nightly dependency audit')).toEqual({ kind: 'cron', cron: '0 3 * * *', timezone: 'UTC' });
    expect(scheduleOf('Reports – Weekday stock report')).toEqual({ kind: 'cron', cron: '0 6 * * 1-5', timezone: 'UTC' });
    expect(scheduleOf('CI – Test and lint')).toBeNull();
    for (let t = 0; t < 5 * 3_600_000; t += 5_000) {
      f.clock.advance(5_000);
      f.feed.tick();
    }
    const idOf = (name: string) => files.find((w) => w.name === name)!.id;
    const runsOf = (name: string, event: string) => [...state.runs.values()].filter((r) => r.workflow_id === idOf(name) && r.event === event);
    const audit = runsOf('Security – Nightly dependency audit', 'schedule');
    expect(audit.map((r) => r.created_at)).toEqual(['2026-11-28T03:00:00Z']);
    expect(runsOf('Reports – Weekday stock report', 'schedule')).toEqual([]);
    // No other run claims to be scheduled, and the random arrivals leave scheduled workflows alone.
    expect([...state.runs.values()].filter((r) => r.event === 'schedule')).toHaveLength(1);
    expect([...state.runs.values()].filter((r) => r.workflow_id === idOf('Security – Nightly dependency audit'))).toHaveLength(1);
    expect(new Set([...state.runs.values()].map((r) => r.event))).toEqual(new Set(['schedule', 'push']));
  });

  it('starts n8n and Make scheduled workflows at each slot when ticked at its due times, and never the stopped one', () => {
    // Wednesday 2026-11-25 12:00 UTC; the seeded history ended at 11:52:30, so the 11:55 slots are still to run.
    const f = feedFor(5, T0, T0 - 450_000);
    const { feed } = f;
    const end = T0 + 3_600_000;
    let ticks = 0;
    for (;;) {
      const due = feed.nextDue();
      if (due >= end) break;
      f.clock.set(Math.max(due, f.clock.now()));
      feed.tick();
      ticks++;
      expect(feed.nextDue()).toBeGreaterThan(f.clock.now());
    }
    const n8nStarts = (id: string) => [...f.sims.n8n.state.executions.values()].filter((e) => e.workflowId === id).map((e) => e.startedAt);
    const makeStarts = (id: number) => (f.sims.make.state.logs.get(id) ?? []).map((l) => Number(l.imtId.slice(0, 15)));
    const every5 = Array.from({ length: 12 }, (_, i) => T0 + i * 300_000);
    // The 11:55 slot ran at the first tick (12:00), then each slot on time.
    expect(n8nStarts('3')).toEqual([T0, ...every5.slice(1)]);
    expect(n8nStarts('31')).toEqual([T0, ...every5.slice(1)]);
    expect(makeStarts(4830)).toEqual([T0, T0 + 900_000, T0 + 1_800_000, T0 + 2_700_000]);
    expect(makeStarts(4843)).toEqual([T0]);
    expect(n8nStarts('41')).toEqual([]);
    // No daily slot falls in the hour; webhook workflows kept arriving at random.
    expect(n8nStarts('8')).toEqual([]);
    expect(n8nStarts('12').length).toBeGreaterThan(0);
    // Ticked only at due times, every tick starts or ends a run: none is idle, as a tick every few seconds would be.
    expect(ticks).toBeLessThanOrEqual(feed.started + feed.finished);
    expect(ticks).toBeLessThan(720);
  });

  it('starts scheduled Zaps on their slots, and the Gmail to Trello Zap keeps failing every run with its seeded error', () => {
    // As above: the seeded history ended at 11:52:30 (its Trello incident still going), ticked at due times for an hour.
    const f = feedFor(9, T0, T0 - 450_000);
    const end = T0 + 3_600_000;
    for (let due = f.feed.nextDue(); due < end; due = f.feed.nextDue()) {
      f.clock.set(Math.max(due, f.clock.now()));
      f.feed.tick();
    }
    f.feed.endNow();
    f.feed.tick();
    expect(f.feed.running).toBe(0);
    const { state } = f.sims.zapier;
    const runsOf = (key: string) => state.runs.filter((r) => String(r.zap_id) === WORKFLOWS.find((w) => w.key === key)!.externalId);
    const trello = runsOf('gmail-trello');
    expect(trello.map((r) => r.start_time)).toEqual(Array.from({ length: 12 }, (_, i) => T0 + i * 300_000));
    const message = ERRORS.zapTrelloToken.message();
    for (const run of trello) {
      expect([run.status, run.data_out, run.steps.map((s) => s.status)]).toEqual(['error', { error: message }, ['success', 'error']]);
      expect(run.end_time).toBeGreaterThan(run.start_time!);
    }
    // The hourly RSS Zap ran at 12:00; the weekday 07:30 QuickBooks Zap had no slot in the hour.
    expect(runsOf('rss-linkedin').map((r) => r.start_time)).toEqual([T0]);
    expect(runsOf('expensify-qbo')).toEqual([]);
    // Zaps started by app events arrive at random and settle in Zapier's words.
    const events = [...runsOf('calendly-hubspot'), ...runsOf('fb-leads-sheets'), ...runsOf('untitled-zap')];
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((r) => ['success', 'error', 'filtered'].includes(r.status) && r.end_time !== null)).toBe(true);
  });

  it('ends a Zapier run the seed left going, under its own id, as the feed decides (the Trello incident fails it)', () => {
    let left = '';
    const f = feedFor(4, T0, T0, (sims) => {
      const { state } = sims.zapier;
      left = state.addRun(state.zap('187654309')!, 'playing', T0 - 1_000, 0, T0 - 1_000, { id: '38000000007' }).id;
    });
    const run = () => f.sims.zapier.state.runs.find((r) => r.id === left)!;
    expect(f.feed.running).toBe(1);
    expect([run().status, run().end_time]).toEqual(['playing', null]);
    f.clock.advance(5 * 60_000);
    f.feed.tick();
    expect([run().id, run().status, run().data_out]).toEqual(['38000000007', 'error', { error: ERRORS.zapTrelloToken.message() }]);
  });
});
