import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../app.ts';
import type { SlaOutput } from '../contract/monitoring.ts';
import { fixedClock } from '../platform/clock.ts';
import { createMemoryLogger } from '../platform/logger.ts';
import { ManualTimers } from '../../test/support/manual-timers.ts';
import { connectorRef, WORKFLOWS } from './catalog.ts';
import type { LiveDemo } from './live.ts';
import { prepareDemo } from './prepare.ts';
import { slotTimes } from './schedules.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;
const LIVE_IDS = ['demo-n8n', 'demo-make', 'demo-zapier', 'demo-github'];
const STOPPED = 'Inventory – Sync stock levels from supplier';

describe('the demo on the SLA page', () => {
  let root: string | undefined;
  let core: Core | undefined;
  let live: LiveDemo | undefined;
  afterEach(async () => {
    await live?.close();
    core?.close();
    if (root) rmSync(root, { recursive: true, force: true });
    core = live = root = undefined;
  });

  /** The demo on fake time from `now`: the feed's timer and the core's clock are the test's. */
  async function openDemo(now: number) {
    root = mkdtempSync(path.join(tmpdir(), 'flowdeck-live-sla-'));
    const clock = fixedClock(now);
    const timers = new ManualTimers(clock);
    const demo = prepareDemo({ dataDir: path.join(root, 'data'), logger: createMemoryLogger(), time: { clock, timers } });
    const c = (core = demo.core);
    // The scheduler's loop stays off: the test polls itself, so each poll happens at a known time.
    live = await demo.startLive({ poll: false });
    const pollAll = async () => {
      for (const id of LIVE_IDS) expect([id, (await c.connectors.scheduler.pollOnce(id))?.ok]).toEqual([id, true]);
    };
    const sla = async (from: number, to: number) => {
      const out = await c.dispatcher.dispatch('monitoring/get-sla', { from, to }, { actor: 'test' });
      if (!out.ok) throw new Error(out.error.message);
      return (out.output as SlaOutput).rows;
    };
    return { core: c, live, clock, timers, pollAll, sla };
  }

  it('measures scheduled workflows against the schedules their vendors declare, with no missed runs but the stopped one', async () => {
    const NOW = Date.UTC(2026, 10, 25, 14, 7, 30);
    const { pollAll, sla } = await openDemo(NOW);
    // One poll lists the workflow files (with their YAML) into the registry.
    await pollAll();

    const rows = await sla(NOW - 7 * DAY, NOW);
    const github = rows.filter((r) => r.connectorName === 'Demo – GitHub Actions' && r.basis === 'vendor');
    expect(github.map((r) => [r.workflowName, r.expectedLabel]).sort()).toEqual([
      ['Reports – Weekday stock report (acme/ops-scripts)', expect.stringMatching(/06:00/)],
      ['Security – Nightly dependency audit (acme/web)', expect.stringMatching(/03:00/)],
    ]);
    for (const r of github) {
      expect(r.missedRuns).toBe(0);
      expect(r.expectedRuns).toBeGreaterThanOrEqual(4);
      expect(r.runs).toBeGreaterThanOrEqual(r.expectedRuns!);
    }
    // Push-triggered workflows declare no schedule and stay measured by what they do.
    expect(rows.find((r) => r.workflowName === 'CI – Test and lint (acme/web)')?.basis).toBe('observed');
    // Across vendors, the schedules the simulators declare match the runs: only the supplier sync whose schedule
    // stopped three days ago (the demo's story) misses runs.
    const scheduled = rows.filter((r) => r.basis !== 'observed');
    expect(scheduled.filter((r) => r.basis === 'vendor').length).toBeGreaterThanOrEqual(10);
    expect(scheduled.filter((r) => r.missedRuns > 0).map((r) => r.workflowName)).toEqual([STOPPED]);
  });

  it('keeps every schedule while the demo stays open for hours: runs start on their slots, none is missed but the stopped one', async () => {
    // Friday 2026-11-27 23:45:01 UTC, a second after Make's quarter-hour slot, for four hours: across midnight into
    // the weekend (weekday-only schedules pause), past the 02:00 backup and the 03:00 audit.
    const NOW = Date.UTC(2026, 10, 27, 23, 45, 1);
    const END = NOW + 4 * 60 * MINUTE;
    const { core: c, live: demo, clock, timers, pollAll, sla } = await openDemo(NOW);
    await pollAll();
    // One timer only (the scheduler's loop is off), always set for the feed's next due time.
    expect([timers.armed, timers.nextAt()]).toEqual([1, demo.feed.nextDue()]);
    while (clock.now() < END) {
      await timers.advance(Math.min(10 * MINUTE, END - clock.now()), async () => {});
      expect([timers.armed, timers.nextAt()]).toEqual([1, demo.feed.nextDue()]);
      await pollAll();
    }
    // Runs still going end (as they would in a few seconds), and polling brings them in.
    demo.feed.endNow();
    demo.feed.tick();
    await pollAll();
    expect(demo.feed.running).toBe(0);

    const workflowOf = (wf: (typeof WORKFLOWS)[number]) => c.ledger.workflows.list(`demo-${wf.vendor}`).find((w) => w.externalId === connectorRef(wf).externalId)!;
    const startsOf = (wf: (typeof WORKFLOWS)[number]) => c.ledger.runs.list({ workflowIds: [workflowOf(wf).id], from: NOW, to: END }, null, 500).items
      .map((r) => r.startedAt).sort((a, b) => a - b);
    let checked = 0;
    for (const wf of WORKFLOWS) {
      const t = wf.trigger;
      if (t.kind !== 'every' && t.kind !== 'daily') continue;
      // Each scheduled workflow ran exactly at its slots (the feed's timer fires on them), the stopped one never.
      expect([wf.name, startsOf(wf)]).toEqual([wf.name, wf.name === STOPPED ? [] : slotTimes(t, NOW, END)]);
      checked++;
    }
    // 13 on n8n, Make and GitHub, and Zapier's three scheduled Zaps (the weekday 07:30 one has no slot in the hours).
    expect(checked).toBe(16);
    const uptime = WORKFLOWS.find((w) => w.key === 'uptime')!;
    expect(startsOf(uptime)).toHaveLength(48);
    expect(startsOf(uptime).every((t) => t % (5 * MINUTE) === 0)).toBe(true);
    // Unscheduled workflows kept arriving at random.
    const leads = WORKFLOWS.find((w) => w.key === 'leads-crm')!;
    expect(startsOf(leads).length).toBeGreaterThan(0);

    const rows = await sla(NOW, END);
    const scheduled = rows.filter((r) => r.basis !== 'observed');
    expect(scheduled.filter((r) => r.basis === 'vendor').length).toBeGreaterThanOrEqual(10);
    expect(scheduled.filter((r) => r.missedRuns > 0).map((r) => r.workflowName)).toEqual([STOPPED]);
    const uptimeRow = rows.find((r) => r.workflowName === uptime.name)!;
    // Friday's 288 five-minute slots, then Saturday's up to END less the 5-minute grace: ⌊3 h 40 min 1 s / 5 min⌋.
    expect([uptimeRow.basis, uptimeRow.missedRuns, uptimeRow.expectedRuns]).toEqual(['vendor', 0, 288 + 44]);
  });
});
