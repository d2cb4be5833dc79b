import type { Core } from '../app.ts';
import { DesktopShellMessage, type DesktopCoreMessage, type TrayState } from '../contract/desktop.ts';
import { pausedUntil, pauseNotifications, resumeNotifications, type PauseDeps } from './pause.ts';
import { notificationRoute, TRAY_TABLES, trayState } from './tray-state.ts';

/** A state can change with time alone (a run becomes late, then missed): recount at the alerts' clock tick. */
export const TRAY_TICK_MS = 30_000;

export interface DesktopBridgeOptions {
  core: Pick<Core, 'alerting' | 'events' | 'ledger' | 'clock' | 'logger' | 'states'>;
  /** Sends to Electron main (in the utility process: `process.parentPort.postMessage`). */
  post(message: DesktopCoreMessage): void;
  /** Who pauses notifications from the tray (the desktop user), for the audit log. */
  actor: string;
  /** Runs a coalesced recount later (default setImmediate); tests pass a synchronous one. */
  defer?: (fn: () => void) => void;
  /** Timer for the end of a pause (default setTimeout, unref'd). */
  after?: (ms: number, fn: () => void) => () => void;
  /** Repeating timer for the clock tick (default setInterval every TRAY_TICK_MS, unref'd). */
  every?: (ms: number, fn: () => void) => () => void;
}

export interface DesktopBridge {
  /** Handles a message from main; false when it is not one of the desktop messages (or is malformed). */
  receive(message: unknown): boolean;
  /** Recomputes the tray state now and posts it if it changed. */
  refresh(): void;
  /** The last state posted. */
  readonly state: TrayState | null;
  stop(): void;
}

const defaultAfter = (ms: number, fn: () => void) => {
  const t = setTimeout(fn, ms);
  t.unref?.();
  return () => clearTimeout(t);
};
const defaultEvery = (ms: number, fn: () => void) => {
  const t = setInterval(fn, ms);
  t.unref?.();
  return () => clearInterval(t);
};

/**
 * The core side of the desktop shell: keeps the tray's state current (from the live state per workflow, the same
 * answer as the Overview; recounted on changes and on a clock tick; posted only when it changes), turns the
 * alerts' `notifications/raised` into desktop notifications that open the incident, and applies the tray menu's
 * pause/resume. Plain Node: main draws the tray and the notifications with Electron.
 */
export function startDesktopBridge(o: DesktopBridgeOptions): DesktopBridge {
  const { core } = o;
  const defer = o.defer ?? ((fn) => void setImmediate(fn));
  const after = o.after ?? defaultAfter;
  const pauseDeps: PauseDeps = { alerting: core.alerting, audit: core.ledger.audit, actor: o.actor };
  let last: TrayState | null = null;
  let lastKey = '';
  let queued = false;
  let stopped = false;
  let cancelPauseTimer: (() => void) | null = null;

  const refresh = () => {
    if (stopped) return;
    const now = core.clock.now();
    const until = pausedUntil(core.alerting.store.readSettings(), now);
    const state = trayState({
      states: core.states.list(now),
      activeSeverities: core.alerting.store.incidents.list('active', 100_000).map((i) => i.severity),
      connectorsNeedingAttention: core.ledger.connectors.list().filter((c) => c.health === 'needs_attention' || c.health === 'degraded').length,
      pausedUntil: until,
    });
    cancelPauseTimer?.();
    cancelPauseTimer = until === null ? null : after(until - now, refresh);
    const key = JSON.stringify(state);
    if (key === lastKey) return;
    last = state;
    lastKey = key;
    o.post({ type: 'tray-state', ...state });
  };
  const schedule = () => {
    if (queued || stopped) return;
    queued = true;
    defer(() => {
      queued = false;
      refresh();
    });
  };

  const unsubscribes = [
    core.events.subscribe('notifications/raised', (p) => {
      // Held incident notifications never reach here during a pause; this catches ones queued just before it.
      if (stopped || (p.incidentId !== null && pausedUntil(core.alerting.store.readSettings(), core.clock.now()) !== null)) return;
      o.post({ type: 'notify', title: p.title, body: p.body, route: notificationRoute(p.incidentId === null ? null : { incidentId: p.incidentId }) });
    }),
    core.events.subscribe('connectors/health-changed', schedule),
    core.events.subscribe('ledger/changed', ({ tables }) => {
      if (tables.some((t) => TRAY_TABLES.has(t))) schedule();
    }),
  ];

  const cancelTick = (o.every ?? defaultEvery)(TRAY_TICK_MS, schedule);
  refresh();
  return {
    receive(message) {
      const parsed = DesktopShellMessage.safeParse(message);
      if (!parsed.success || stopped) return false;
      const now = core.clock.now();
      if (parsed.data.type === 'pause-notifications') {
        if (!pauseNotifications(pauseDeps, parsed.data.minutes, now)) core.logger.warn('notifications not paused: Settings already holds 100 maintenance windows');
      } else resumeNotifications(pauseDeps, now);
      refresh();
      return true;
    },
    refresh,
    get state() {
      return last;
    },
    stop() {
      stopped = true;
      for (const unsubscribe of unsubscribes) unsubscribe();
      cancelTick();
      cancelPauseTimer?.();
    },
  };
}
