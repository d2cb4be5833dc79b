import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../app.ts';
import { fixedClock } from '../platform/clock.ts';
import { createMemoryLogger } from '../platform/logger.ts';
import { ManualTimers } from '../../test/support/manual-timers.ts';
import type { LiveDemo } from './live.ts';
import { prepareDemo } from './prepare.ts';
import { ledgerDb } from '../store/ledger-db.ts';

// Wednesday 2026-11-25 14:07:30 UTC: the demo on fake time, so nothing depends on when the test runs.
const NOW = Date.UTC(2026, 10, 25, 14, 7, 30);
const LIVE_IDS = ['demo-n8n', 'demo-make', 'demo-zapier', 'demo-github'];
const TRELLO_ZAP = '187654309';

describe('the live demo', () => {
  let root: string | undefined;
  let core: Core | undefined;
  let live: LiveDemo | undefined;
  afterEach(async () => {
    await core?.connectors.scheduler.stop();
    await live?.close();
    core?.close();
    if (root) rmSync(root, { recursive: true, force: true });
    core = live = root = undefined;
  });

  async function pollAll(c: Core) {
    return Promise.all(LIVE_IDS.map((id) => c.connectors.scheduler.pollOnce(id)));
  }

  it('polls the simulated vendors through the real connectors without doubling the seeded history', async () => {
    root = mkdtempSync(path.join(tmpdir(), 'flowdeck-live-'));
    const clock = fixedClock(NOW);
    const logger = createMemoryLogger();
    const demo = prepareDemo({ dataDir: path.join(root, 'data'), logger, time: { clock, timers: new ManualTimers(clock) } });
    core = demo.core;
    const seeded = core.ledger.runs.count();
    const workflows = core.ledger.workflows.count();
    const versionsOf = (c: Core) => ledgerDb(c.ledger).prepare('SELECT workflow_id AS w, COUNT(*) AS n FROM workflow_versions GROUP BY workflow_id ORDER BY workflow_id').all() as { w: number; n: number }[];
    const before = versionsOf(core);
    const stuck = () => core!.ledger.runs.list({ connectorIds: LIVE_IDS, statuses: ['queued', 'running'] }, null, 10).items;
    // The Zap whose Trello token was revoked 2.5 hours before now: its seeded runs since then all failed.
    const trello = core.ledger.workflows.list('demo-zapier').find((w) => w.externalId === TRELLO_ZAP)!;
    const trelloRuns = (from: number) => core!.ledger.runs.list({ workflowIds: [trello.id], from }, null, 100).items;
    const facts = (runs: ReturnType<typeof trelloRuns>) => runs.map((r) => [r.id, r.externalId, r.rawStatus, r.startedAt, r.durationMs, r.errorMessage]);
    const seededTrello = trelloRuns(NOW - 2 * 3_600_000);
    expect(seededTrello.length).toBeGreaterThan(20);
    expect(new Set(seededTrello.map((r) => r.status))).toEqual(new Set(['failed']));
    expect(stuck().length).toBeGreaterThan(0);
    // No timer and no scheduler loop: the test ticks the feed and polls itself.
    live = await demo.startLive({ tick: false, poll: false });

    const first = await pollAll(core);
    expect(first.map((o) => [o?.ok, o?.message])).toEqual(LIVE_IDS.map(() => [true, null]));
    expect(core.ledger.runs.count()).toBe(seeded);
    // The demo's own expected noise stays out of the log: n8n's cursor starts above the seeded history, so the first poll
    // does not look up each seeded id in a simulator that never held it (hundreds of 404 warnings, ids "dropped").
    expect(logger.lines.filter((l) => l.level !== 'info')).toEqual([]);
    // The connectors list the seeded workflows under the same ids (GitHub's `owner/repo:id` too): none is added twice.
    expect(core.ledger.workflows.count()).toBe(workflows);
    // The simulators list the registry's definitions: workflows with seeded versions get no new one; the others
    // (no definition until now) get their first.
    const after = versionsOf(core);
    for (const b of before) expect(after.find((a) => a.w === b.w)).toEqual(b);
    expect(after.filter((a) => !before.some((b) => b.w === a.w)).every((a) => a.n === 1)).toBe(true);
    const list = core.connectors.service.list();
    expect(list.filter((c) => c.polled).map((c) => c.name).sort()).toEqual(['Demo – GitHub Actions', 'Demo – Make EU', 'Demo – Zapier', 'Demo – n8n (self-hosted)']);
    expect(list.every((c) => c.name.startsWith('Demo'))).toBe(true);
    expect(list.filter((c) => c.polled).map((c) => c.health)).toEqual(['ok', 'ok', 'ok', 'ok']);
    // Zapier's first poll read back the day of seeded runs its simulator holds: the same runs, none added, none changed.
    expect(facts(trelloRuns(NOW - 2 * 3_600_000))).toEqual(facts(seededTrello));

    // New runs appear in the simulators, start running, then end; polling brings each in once.
    for (let i = 0; i < 6; i++) {
      live.feed.arriveNow();
      live.feed.tick();
    }
    const started = live.feed.started;
    expect(started).toBeGreaterThanOrEqual(6);
    await pollAll(core);
    live.feed.endNow();
    live.feed.tick();
    expect(live.feed.running).toBe(0);
    await pollAll(core);
    await pollAll(core);
    expect(core.ledger.runs.count()).toBe(seeded + started);
    const newest = core.ledger.runs.list({ connectorIds: LIVE_IDS }, null, started).items;
    expect(newest.every((r) => !['queued', 'running'].includes(r.status))).toBe(true);
    // Runs the seed left going on n8n, Make, Zapier and GitHub have ended too; nothing there is stuck "running".
    expect(stuck()).toEqual([]);

    // At the next five-minute slot the Gmail to Trello Zap runs in Zapier, fails with the seeded error (the token is
    // still revoked), and arrives once through the real Zapier connector.
    const slot = Date.UTC(2026, 10, 25, 14, 10);
    clock.set(slot);
    live.feed.tick();
    await pollAll(core);
    live.feed.endNow();
    live.feed.tick();
    await pollAll(core);
    await pollAll(core);
    const fresh = trelloRuns(NOW);
    expect(fresh.map((r) => [r.startedAt, r.connectorName, r.status, r.rawStatus, r.errorMessage]))
      .toEqual([[slot, 'Demo – Zapier', 'failed', 'error', seededTrello[0]!.errorMessage]]);
    // The same error as the seeded failures: one error group, not a new one.
    expect(core.ledger.runs.get(fresh[0]!.id)!.errorFingerprint).toBe(core.ledger.runs.get(seededTrello[0]!.id)!.errorFingerprint);
    expect(core.ledger.runs.count()).toBe(seeded + live.feed.started);
    expect(stuck()).toEqual([]);
  });
});
