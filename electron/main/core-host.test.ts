import type { WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../test-support/electron-fake.ts';
import { CoreHost } from './core-host.ts';

vi.mock('electron', () => import('../test-support/electron-fake.ts'));

const ENTRY = '/app/out/core/main.cjs';
const ARGS = ['--data-dir', '/home/ann/.config/Flowdeck/data', '--actor', 'ann'];
const POLICY = { initialDelayMs: 100, maxDelayMs: 400, stableAfterMs: 10_000 };

let now = 0;
const newHost = (): CoreHost => new CoreHost({ entry: ENTRY, args: ARGS, actor: 'ann', restart: POLICY, now: () => now });
const asContents = (c: fake.FakeWebContents): WebContents => c as unknown as WebContents;

function lastChild(): fake.FakeUtilityProcess {
  const child = fake.forks.at(-1);
  if (!child) throw new Error('core was not forked');
  return child;
}

beforeEach(() => {
  fake.resetFakeElectron();
  vi.useFakeTimers();
  now = 0;
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('CoreHost', () => {
  it('forks the bundled core as a utility process with data dir and actor', () => {
    newHost().start();
    expect(fake.utilityProcess.fork).toHaveBeenCalledWith(ENTRY, ARGS, expect.objectContaining({
      serviceName: 'Flowdeck core', execArgv: ['--max-semi-space-size=4', '--max-old-space-size=512'], env: expect.objectContaining({ MALLOC_ARENA_MAX: '2' }),
    }));
  });

  it('hands one end of a fresh channel to the core and the other to the window', () => {
    const host = newHost();
    host.start();
    const child = lastChild();
    child.emit('message', { type: 'ready' });
    const contents = new fake.FakeWebContents();
    host.connect(asContents(contents));

    expect(child.postMessage).toHaveBeenCalledTimes(1);
    const [message, corePorts] = child.postMessage.mock.calls[0] ?? [];
    expect(message).toEqual({ type: 'connect', actor: 'ann' });
    const [channel, payload, windowPorts] = contents.postMessage.mock.calls[0] ?? [];
    expect(channel).toBe('core:port');
    expect(payload).toBeNull();
    expect(corePorts).toHaveLength(1);
    expect(windowPorts).toHaveLength(1);
    expect(corePorts[0]).not.toBe(windowPorts[0]);
  });

  it('queues a connection made before the core is ready', () => {
    const host = newHost();
    host.start();
    const contents = new fake.FakeWebContents();
    host.connect(asContents(contents));
    expect(contents.postMessage).not.toHaveBeenCalled();
    lastChild().emit('message', { type: 'ready' });
    expect(contents.postMessage).toHaveBeenCalledTimes(1);
  });

  it('restarts a crashed core with doubling backoff and re-connects live windows', () => {
    const host = newHost();
    host.start();
    lastChild().emit('message', { type: 'ready' });
    const alive = new fake.FakeWebContents();
    const gone = new fake.FakeWebContents();
    host.connect(asContents(alive));
    host.connect(asContents(gone));
    gone.destroy();

    lastChild().emit('exit', 1);
    expect(host.running).toBe(false);
    vi.advanceTimersByTime(99);
    expect(fake.forks).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(fake.forks).toHaveLength(2);
    lastChild().emit('message', { type: 'ready' });
    expect(alive.postMessage).toHaveBeenCalledTimes(2);
    expect(gone.postMessage).toHaveBeenCalledTimes(1);

    lastChild().emit('exit', 1);
    vi.advanceTimersByTime(199);
    expect(fake.forks).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(fake.forks).toHaveLength(3);
  });

  it('caps the backoff and resets it after a stable run', () => {
    const host = newHost();
    host.start();
    for (const delay of [100, 200, 400, 400]) {
      lastChild().emit('exit', 1);
      const before = fake.forks.length;
      vi.advanceTimersByTime(delay - 1);
      expect(fake.forks).toHaveLength(before);
      vi.advanceTimersByTime(1);
      expect(fake.forks).toHaveLength(before + 1);
    }
    now += POLICY.stableAfterMs;
    lastChild().emit('exit', 1);
    vi.advanceTimersByTime(100);
    expect(fake.forks).toHaveLength(6);
  });

  it('does not restart a core that reported a fatal start-up error; reports it once', () => {
    const onFatal = vi.fn();
    const host = new CoreHost({ entry: ENTRY, args: ARGS, actor: 'ann', restart: POLICY, onFatal });
    host.start();
    const contents = new fake.FakeWebContents();
    host.connect(asContents(contents));
    lastChild().emit('message', { type: 'fatal', message: 'This database was written by a newer Flowdeck.' });
    lastChild().emit('exit', 1);
    vi.advanceTimersByTime(60_000);
    expect(fake.forks).toHaveLength(1);
    expect(onFatal).toHaveBeenCalledExactlyOnceWith('This database was written by a newer Flowdeck.');
    expect(contents.postMessage).not.toHaveBeenCalled();
  });

  it('ignores malformed status messages from the core', () => {
    const host = newHost();
    host.start();
    const contents = new fake.FakeWebContents();
    host.connect(asContents(contents));
    lastChild().emit('message', 'ready');
    lastChild().emit('message', { type: 'fatal' });
    lastChild().emit('message', null);
    expect(contents.postMessage).not.toHaveBeenCalled();
    lastChild().emit('exit', 1);
    vi.advanceTimersByTime(POLICY.initialDelayMs);
    expect(fake.forks).toHaveLength(2);
  });

  it('asks the core to shut down on stop, and does not restart it', async () => {
    const host = newHost();
    host.start();
    const child = lastChild();
    const stopped = host.stop();
    expect(child.postMessage).toHaveBeenCalledWith({ type: 'shutdown' });
    child.emit('exit', 0);
    await stopped;
    vi.advanceTimersByTime(60_000);
    expect(fake.forks).toHaveLength(1);
    expect(child.kill).not.toHaveBeenCalled();
  });

  it('kills a core that does not stop in time', async () => {
    const host = newHost();
    host.start();
    const child = lastChild();
    const stopped = host.stop(2000);
    vi.advanceTimersByTime(2000);
    await stopped;
    expect(child.kill).toHaveBeenCalledTimes(1);
  });

  it('cancels a pending restart on stop', async () => {
    const host = newHost();
    host.start();
    lastChild().emit('exit', 1);
    await host.stop();
    vi.advanceTimersByTime(60_000);
    expect(fake.forks).toHaveLength(1);
  });

  it('forwards the desktop bridge messages (tray state, notifications) and ignores malformed ones', () => {
    const received: unknown[] = [];
    const host = new CoreHost({ entry: ENTRY, args: ARGS, actor: 'ann', onDesktopMessage: (m) => void received.push(m) });
    host.start();
    const child = lastChild();
    const tray = { type: 'tray-state', health: 'failing', openIncidents: 2, needsAttention: 1, summary: 'Flowdeck: 2 open incidents', pausedUntil: null };
    const note = { type: 'notify', title: 'Incident', body: 'x', route: '#/incidents/4' };
    const status = { type: 'attach-status', state: 'unreachable', message: "Can't reach the team server at team.example. Trying again in 4 s.", login: 'ann' };
    child.emit('message', tray);
    child.emit('message', note);
    child.emit('message', status);
    for (const bad of [
      { ...status, state: 'sleeping' }, { ...status, message: null }, { ...status, login: 3 },
      { ...tray, health: 'purple' }, { ...tray, openIncidents: -1 }, { ...tray, needsAttention: -1 }, { ...tray, openIncidents: 1.5 }, { ...tray, summary: 3 },
      { ...tray, pausedUntil: 'soon' }, { ...note, title: null }, { ...note, route: 7 }, { type: 'notify' }, 'tray-state', null,
    ]) child.emit('message', bad);
    expect(received).toEqual([tray, note, status]);
    // A stale child (replaced after a crash) is not listened to.
    child.emit('exit', 1);
    child.emit('message', tray);
    expect(received).toHaveLength(3);
  });

  it('posts tray commands to the running core only', async () => {
    const host = newHost();
    expect(host.post({ type: 'pause-notifications', minutes: 60 })).toBe(false);
    host.start();
    expect(host.post({ type: 'pause-notifications', minutes: 60 })).toBe(true);
    expect(lastChild().postMessage).toHaveBeenCalledWith({ type: 'pause-notifications', minutes: 60 });
    const stopped = host.stop();
    expect(host.post({ type: 'resume-notifications' })).toBe(false);
    lastChild().emit('exit', 0);
    await stopped;
  });
});
