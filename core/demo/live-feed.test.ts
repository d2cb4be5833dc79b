import { describe, expect, it } from 'vitest';
import { fixedClock } from '../platform/clock.ts';
import { githubSchedule } from '../alerts/schedules/github.ts';
import { LiveFeed } from './live-feed.ts';
import { seedSimulators } from './live-estate.ts';
import { createRng } from './prng.ts';
import { FakeGithubState } from './vendors/github/state.ts';
import { FakeMakeState } from './vendors/make/state.ts';
import { N8nState } from './vendors/n8n/state.ts';
import type { VendorSimulators } from './vendors/servers.ts';

const T0 = Date.UTC(2026, 10, 25, 12);

function feedFor(seed: number, start = T0) {
  const clock = fixedClock(start);
  const sims: VendorSimulators = {
    n8n: { url: 'http://127.0.0.1:1', state: new N8nState({ now: () => clock.now() }) },
    make: { url: 'http://127.0.0.1:2', state: new FakeMakeState({ clock }) },
    github: { url: 'http://127.0.0.1:3', state: new FakeGithubState({ clock }) },
    close: () => Promise.resolve(),
  };
  // No ledger: no registry definitions and no unfinished seeded runs to carry over.
  const fakeCore = { registry: { repo: { find: () => undefined } }, ledger: { runs: { list: () => ({ items: [] }) } } } as unknown as Parameters<typeof seedSimulators>[0];
  seedSimulators(fakeCore, sims, { make: 'm', github: 'g' });
  const changed: string[] = [];
  const feed = new LiveFeed({ sims, rng: createRng(seed), now: () => clock.now(), changed: (v) => changed.push(v) });
  const runs = () => ({
    n8n: [...sims.n8n.state.executions.values()].map((e) => [e.workflowId, e.status, e.error?.message ?? null]),
    make: sims.make.state.truth().map((l) => [l.scenarioId, l.status, l.error?.message ?? null]),
    github: sims.github.state.truth().map((r) => [r.status, r.failing]),
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
    expect(f.feed.finished).toBeGreaterThan(f.feed.started - 10);
    const all = f.runs();
    const failed = [...all.n8n.filter((r) => r[1] === 'error'), ...all.make.filter((r) => r[1] === 3), ...all.github.filter((r) => r[0] === 'failed')];
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(f.feed.started / 3);
    expect(new Set(f.changed)).toEqual(new Set(['n8n', 'make', 'github']));
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

  it('starts the scheduled GitHub workflows on the crons their files declare, and only dispatches them by hand otherwise', () => {
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
    // The feed's other runs of scheduled workflows are manual dispatches; no other run claims to be scheduled.
    expect([...state.runs.values()].filter((r) => r.event === 'schedule')).toHaveLength(1);
    const events = new Set([...state.runs.values()].filter((r) => r.workflow_id === idOf('Security – Nightly dependency audit')).map((r) => r.event));
    expect([...events].every((e) => e === 'schedule' || e === 'workflow_dispatch')).toBe(true);
  });
});
