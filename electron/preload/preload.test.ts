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
    expect(Object.keys(api).sort()).toEqual(['connectCore', 'openExternal', 'platform']);
    expect(Object.isFrozen(api)).toBe(true);
    expect(typeof api.connectCore).toBe('function');
    expect(typeof api.openExternal).toBe('function');
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
