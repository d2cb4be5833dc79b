import { afterEach, describe, expect, it } from 'vitest';
import { T0, testCore } from '../../test/support/core.ts';
import type { DesktopCoreMessage } from '../contract/desktop.ts';
import { startDesktopBridge, TRAY_TICK_MS, type DesktopBridge } from './bridge.ts';
import { PAUSE_WINDOW_ID } from './pause.ts';

const MIN = 60_000;
let core: ReturnType<typeof testCore>;
let bridge: DesktopBridge;
let posted: DesktopCoreMessage[];
let timers: { ms: number; fn: () => void; cancelled: boolean }[];
let ticks: { ms: number; fn: () => void; cancelled: boolean }[];
afterEach(() => {
  bridge?.stop();
  core?.close();
});

function setup(connectors?: string[]): void {
  core = testCore(connectors ? { connectors } : {});
  // Polled: a connector never polled leaves its workflows unknown (and opens an incident for itself).
  for (const c of core.ledger.connectors.list()) {
    core.connectors.repo.recordPoll(c.id, { at: T0, nextPollAt: null, ok: true, error: null, consecutiveFailures: 0, runsInserted: 0, firstSyncDone: true });
  }
  posted = [];
  timers = [];
  ticks = [];
  bridge = startDesktopBridge({
    core, actor: 'ann', post: (m) => posted.push(m), defer: (fn) => fn(),
    after: (ms, fn) => {
      const t = { ms, fn, cancelled: false };
      timers.push(t);
      return () => void (t.cancelled = true);
    },
    every: (ms, fn) => {
      const t = { ms, fn, cancelled: false };
      ticks.push(t);
      return () => void (t.cancelled = true);
    },
  });
}

const trayStates = () => posted.filter((m) => m.type === 'tray-state');
const notes = () => posted.filter((m) => m.type === 'notify');

/** A critical any-failure rule that notifies "This computer" (the real desktop notifier of the core). */
function desktopRule(): void {
  const { store } = core.alerting;
  const desk = store.rules.saveChannel({ kind: 'desktop', name: 'This computer', enabled: true, config: {} }, T0);
  store.rules.saveRule(undefined, { name: 'Any failure', enabled: true, muted: false, severity: 'critical', scope: { kind: 'all' },
    condition: { kind: 'any_failure', graceMinutes: 0 },
    routing: { channelIds: [desk.id], remindEveryMinutes: null, escalateAfterMinutes: null, backupChannelIds: [], recoveryMinutes: 0, flapMinutes: 30 } }, T0);
}

async function fail(workflow: string, n: number): Promise<void> {
  const at = core.clock.now() - MIN;
  core.ingest({ connectorId: 'c1', cursor: String(n), records: [
    { externalId: `e${n}`, workflow: { externalId: workflow, name: workflow }, rawStatus: 'error', startedAt: at, finishedAt: at + 1000, errorMessage: 'boom' },
  ] });
  core.alerting.engine.evaluate();
  await core.alerting.outbox.deliverDue();
}

describe('desktop bridge', () => {
  it('posts the tray state at start, then only when it changes', () => {
    setup();
    expect(posted).toEqual([{ type: 'tray-state', health: 'ok', openIncidents: 0, needsAttention: 0, summary: 'Flowdeck: all clear', pausedUntil: null }]);
    bridge.refresh();
    core.events.emit('ledger/changed', { tables: ['incidents'], connectorId: null });
    expect(posted).toHaveLength(1);
  });

  it('turns a connector needing attention into a warning', () => {
    setup();
    core.ledger.connectors.setHealth('c1', 'needs_attention', 'Credentials rejected');
    core.events.emit('connectors/health-changed', { connectorId: 'c1', health: 'needs_attention', message: 'Credentials rejected' });
    expect(trayStates().at(-1)).toMatchObject({ health: 'warning', openIncidents: 0, summary: 'Flowdeck: 1 connector needs attention' });
  });

  it('an incident raised on the desktop channel becomes a notification that opens it, and the tray turns failing', async () => {
    setup();
    desktopRule();
    await fail('sheets', 1);
    const id = core.alerting.store.incidents.list('active', 10)[0]!.id;
    expect(notes()).toEqual([{ type: 'notify', title: expect.stringContaining('sheets'), body: expect.any(String), route: `#/incidents/${id}` }]);
    expect(trayStates().at(-1)).toMatchObject({ health: 'failing', openIncidents: 1 });
  });

  it('follows the live state of the workflows: a failing streak is failing even with no rule and no incident', async () => {
    setup();
    await fail('sheets', 1);
    expect(core.alerting.store.incidents.list('active', 10)).toEqual([]);
    expect(trayStates().at(-1)).toMatchObject({ health: 'failing', openIncidents: 0, summary: 'Flowdeck: 1 failing' });
  });

  it('recounts on the clock tick: a heartbeat turns late, then missed, with time alone', async () => {
    setup([]);
    core.ledger.connectors.create({ id: 'p1', kind: 'push', name: 'Heartbeats' }, T0 - 60 * MIN);
    core.ingest({ connectorId: 'p1', cursor: null, records: [
      { externalId: 'r1', workflow: { externalId: 'backup', name: 'Backup' }, rawStatus: 'success', startedAt: T0 - 2 * MIN, finishedAt: T0 - MIN },
    ] });
    const workflowId = core.ledger.workflows.list()[0]!.id;
    const saved = await core.dispatcher.dispatch('registry/save-metadata', { workflowId, metadata: { owner: null, purpose: null, runbook: null,
      environment: null, criticality: null, tags: [], expectedSchedule: { kind: 'interval', everyMinutes: 60 } } }, { actor: 'ann' });
    expect(saved.ok).toBe(true);
    bridge.refresh();
    expect(bridge.state).toMatchObject({ health: 'ok' });
    const tick = ticks.at(-1)!;
    expect(tick.ms).toBe(TRAY_TICK_MS);
    const before = posted.length;
    core.clock.advance(62 * MIN);
    tick.fn();
    expect(posted.length).toBe(before + 1);
    expect(bridge.state).toMatchObject({ health: 'warning', summary: 'Flowdeck: 1 late' });
    core.clock.advance(24 * 60 * MIN);
    tick.fn();
    expect(bridge.state).toMatchObject({ health: 'failing', summary: 'Flowdeck: 1 missed' });
    bridge.stop();
    expect(tick.cancelled).toBe(true);
  });

  it('pause holds every channel for the hour (a maintenance window, audited); the held incident is notified after it', async () => {
    setup();
    desktopRule();
    expect(bridge.receive({ type: 'pause-notifications', minutes: 60 })).toBe(true);
    const until = T0 + 60 * MIN;
    expect(bridge.state).toMatchObject({ pausedUntil: until, summary: 'Flowdeck: all clear · notifications paused' });
    expect(core.alerting.store.readSettings().maintenanceWindows).toEqual([expect.objectContaining({ id: PAUSE_WINDOW_ID, from: T0, to: until, workflowIds: [] })]);
    expect(core.ledger.audit.list(undefined, 10)).toEqual([expect.objectContaining({ actor: 'ann', action: 'alert-settings.updated', target: 'settings:alerts' })]);
    await fail('crm', 2);
    expect(notes()).toEqual([]);
    expect(bridge.state).toMatchObject({ health: 'failing', openIncidents: 1 });
    const timer = timers.at(-1)!;
    expect(timer.ms).toBe(60 * MIN);
    core.clock.advance(60 * MIN);
    timer.fn();
    expect(bridge.state?.pausedUntil).toBeNull();
    core.alerting.engine.evaluate();
    await core.alerting.outbox.deliverDue();
    expect(notes()).toHaveLength(1);
  });

  it('resume ends the pause early; malformed or foreign messages are refused', () => {
    setup();
    bridge.receive({ type: 'pause-notifications', minutes: 60 });
    expect(bridge.receive({ type: 'resume-notifications' })).toBe(true);
    expect(bridge.state?.pausedUntil).toBeNull();
    expect(core.alerting.store.readSettings().maintenanceWindows).toEqual([]);
    expect(timers.every((t) => t.cancelled)).toBe(true);
    for (const bad of [null, 'pause', { type: 'pause-notifications', minutes: 0 }, { type: 'pause-notifications', minutes: 1e9 }, { type: 'connect' }]) {
      expect(bridge.receive(bad)).toBe(false);
    }
  });

  it('stops listening when stopped', () => {
    setup();
    bridge.stop();
    core.ledger.connectors.setHealth('c1', 'needs_attention', null);
    core.events.emit('connectors/health-changed', { connectorId: 'c1', health: 'needs_attention', message: null });
    expect(posted).toHaveLength(1);
    expect(bridge.receive({ type: 'resume-notifications' })).toBe(false);
  });
});
