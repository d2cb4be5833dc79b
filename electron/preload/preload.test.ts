import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../test-support/electron-fake.ts';

vi.mock('electron', () => import('../test-support/electron-fake.ts'));

const postMessage = vi.fn();
vi.stubGlobal('window', { postMessage, location: { origin: 'app://flowdeck' } });

// Importing the preload runs it: it exposes the bridge and subscribes to core:port.
const { bridge } = await import('./index.ts');
// Captured once: the preload runs once per page, and the mock's call log is cleared between tests.
const exposures = [...fake.contextBridge.exposeInMainWorld.mock.calls] as [string, Record<string, unknown>][];

function exposed(): [string, Record<string, unknown>] {
  const call = exposures[0];
  if (!call) throw new Error('nothing was exposed');
  return call;
}

beforeEach(() => {
  postMessage.mockClear();
  fake.ipcRenderer.send.mockClear();
  fake.ipcRenderer.invoke.mockClear();
});

afterEach(() => vi.useRealTimers());

describe('preload bridge', () => {
  it('exposes exactly one frozen global `flowdeck` with the named members', () => {
    expect(exposures).toHaveLength(1);
    const [key, api] = exposed();
    expect(key).toBe('flowdeck');
    expect(api).toBe(bridge);
    expect(Object.keys(api).sort()).toEqual([
      'connectCore', 'getDesktopMode', 'onAttachStatus', 'onNavigate', 'openExternal', 'platform', 'setTeamServer', 'signInToServer', 'signOutOfServer',
    ]);
    expect(Object.isFrozen(api)).toBe(true);
    expect(typeof api.connectCore).toBe('function');
    expect(typeof api.openExternal).toBe('function');
    expect(typeof api.onNavigate).toBe('function');
    expect(api.platform).toBe(process.platform);
  });

  it('never exposes ipcRenderer or any of its methods', () => {
    const [, api] = exposed();
    const ipcMembers = new Set<unknown>([fake.ipcRenderer, fake.ipcRenderer.send, fake.ipcRenderer.invoke, fake.ipcRenderer.on]);
    for (const value of Object.values(api)) expect(ipcMembers.has(value)).toBe(false);
  });

  it('connectCore asks main for a port and forwards it to the page as a window message', async () => {
    const connecting = bridge.connectCore();
    expect(fake.ipcRenderer.send).toHaveBeenCalledWith('core:connect');
    const port = { name: 'port2' };
    fake.ipcRenderer.emit('core:port', { ports: [port] });
    await expect(connecting).resolves.toBeUndefined();
    expect(postMessage).toHaveBeenCalledWith('flowdeck:core-port', 'app://flowdeck', [port]);
  });

  it('forwards a port sent after a core restart without a new connect', () => {
    const port = { name: 'after-restart' };
    fake.ipcRenderer.emit('core:port', { ports: [port] });
    expect(postMessage).toHaveBeenCalledWith('flowdeck:core-port', 'app://flowdeck', [port]);
    expect(fake.ipcRenderer.send).not.toHaveBeenCalled();
  });

  it('ignores a core:port message without a port', () => {
    fake.ipcRenderer.emit('core:port', { ports: [] });
    expect(postMessage).not.toHaveBeenCalled();
  });

  it('connectCore rejects when no port arrives in time', async () => {
    vi.useFakeTimers();
    const connecting = bridge.connectCore();
    const outcome = expect(connecting).rejects.toThrow(/did not answer/);
    vi.advanceTimersByTime(15_000);
    await outcome;
  });

  it('openExternal invokes the validated main-process handler', async () => {
    await bridge.openExternal('https://example.com/');
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith('shell:open-external', 'https://example.com/');
    await expect(bridge.openExternal(42 as unknown as string)).rejects.toThrow(TypeError);
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledTimes(1);
  });
});

describe('preload navigation (flowdeck:// links)', () => {
  it('hands well-formed routes from main to every subscriber, without the IPC event', () => {
    const a = vi.fn();
    const b = vi.fn();
    const offA = bridge.onNavigate(a);
    const offB = bridge.onNavigate(b);
    fake.ipcRenderer.emit('app:navigate', { sender: 'ipc' }, '#/runs?run=42');
    fake.ipcRenderer.emit('app:navigate', { sender: 'ipc' }, '#/incidents/inc_7');
    expect(a.mock.calls).toEqual([['#/runs?run=42'], ['#/incidents/inc_7']]);
    expect(b.mock.calls).toEqual(a.mock.calls);
    offA();
    offB();
  });

  it.each([
    ['another page', '#/settings'],
    ['a script URL', 'javascript:alert(1)'],
    ['an extra query', '#/runs?run=1&x=2'],
    ['traversal', '#/incidents/../runs'],
    ['an overlong id', `#/runs?run=${'a'.repeat(65)}`],
    ['a non-string', { route: '#/runs?run=1' }],
  ])('drops %s', (_name, route) => {
    const listener = vi.fn();
    const off = bridge.onNavigate(listener);
    fake.ipcRenderer.emit('app:navigate', {}, route);
    expect(listener).not.toHaveBeenCalled();
    off();
  });

  it('stops calling a listener after it unsubscribes', () => {
    const listener = vi.fn();
    bridge.onNavigate(listener)();
    const other = bridge.onNavigate(vi.fn());
    fake.ipcRenderer.emit('app:navigate', {}, '#/runs?run=1');
    expect(listener).not.toHaveBeenCalled();
    other();
  });

  it('keeps the latest route that arrives before anyone subscribes and delivers it to the first subscriber', async () => {
    fake.ipcRenderer.emit('app:navigate', {}, '#/runs?run=early');
    fake.ipcRenderer.emit('app:navigate', {}, '#/incidents/latest');
    const first = vi.fn();
    const off = bridge.onNavigate(first);
    await Promise.resolve();
    expect(first.mock.calls).toEqual([['#/incidents/latest']]);
    const second = vi.fn();
    const offSecond = bridge.onNavigate(second);
    await Promise.resolve();
    expect(second).not.toHaveBeenCalled();
    off();
    offSecond();
  });

  it('refuses a listener that is not a function', () => {
    expect(() => bridge.onNavigate('x' as unknown as () => void)).toThrow(TypeError);
  });

  it('the team-server members invoke their main-process handlers; attach statuses reach subscribers until they unsubscribe', async () => {
    await bridge.getDesktopMode();
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith('desktop:get-mode');
    await bridge.setTeamServer('https://team.example');
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith('desktop:set-team-server', 'https://team.example');
    await expect(bridge.setTeamServer(7 as unknown as string)).rejects.toThrow(TypeError);
    await bridge.signInToServer('ann', 'pw');
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith('desktop:sign-in', 'ann', 'pw');
    await bridge.signOutOfServer();
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith('desktop:sign-out');
    const listener = vi.fn();
    const off = bridge.onAttachStatus(listener);
    fake.ipcRenderer.emit('desktop:attach-status', {}, { state: 'unreachable', message: "Can't reach the team server.", login: 'ann', extra: 1 });
    fake.ipcRenderer.emit('desktop:attach-status', {}, 'garbage');
    off();
    fake.ipcRenderer.emit('desktop:attach-status', {}, { state: 'connected', message: 'x', login: null });
    expect(listener.mock.calls).toEqual([[{ state: 'unreachable', message: "Can't reach the team server.", login: 'ann' }]]);
  });
});
