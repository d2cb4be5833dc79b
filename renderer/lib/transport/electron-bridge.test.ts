import { describe, expect, it, vi } from 'vitest';
import { CoreClient } from '../../../core/contract/client.ts';
import { CORE_PORT_MESSAGE } from '../bridge-types.ts';
import type { ConnectionState } from '../connection.ts';
import { keepConnectedViaBridge, type PortMessageTarget } from './electron-bridge.ts';
import { FakePort, manualTimers } from './fakes.test-support.ts';

type PortEvent = Parameters<Parameters<PortMessageTarget['addEventListener']>[1]>[0];

class FakeWindow implements PortMessageTarget {
  readonly listeners = new Set<(event: PortEvent) => void>();
  addEventListener(_type: 'message', listener: (event: PortEvent) => void) {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'message', listener: (event: PortEvent) => void) {
    this.listeners.delete(listener);
  }
  post(data: unknown, ports: FakePort[], source: unknown = this) {
    for (const l of this.listeners) l({ source, data, ports });
  }
}

function harness(connectCore = vi.fn(() => Promise.resolve())) {
  const win = new FakeWindow();
  const timers = manualTimers();
  const states: ConnectionState[] = [];
  const client = new CoreClient({ timeoutMs: 60_000 });
  const onReconnected = vi.fn();
  const handle = keepConnectedViaBridge({
    bridge: { connectCore },
    target: win,
    attach: (d) => client.attach(d),
    onState: (s) => states.push(s),
    onReconnected,
    random: () => 0.5,
    setTimer: timers.setTimer,
  });
  return { win, timers, states, client, onReconnected, handle, connectCore };
}

const tick = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('keepConnectedViaBridge', () => {
  it('asks for a port and attaches the one the preload posts to the window', async () => {
    const h = harness();
    expect(h.connectCore).toHaveBeenCalledTimes(1);
    const call = h.client.call('system/get-status', {});
    const port = new FakePort();
    h.win.post(CORE_PORT_MESSAGE, [port]);
    expect(h.states.at(-1)).toEqual({ status: 'connected' });
    const sent = JSON.parse(port.posted[0]!) as { id: number };
    port.deliver(JSON.stringify({ t: 'result', id: sent.id, ok: true, output: { version: '1' } }));
    await expect(call).resolves.toEqual({ version: '1' });
  });

  it('ignores messages from other sources, other payloads and without a port', () => {
    const h = harness();
    h.win.post(CORE_PORT_MESSAGE, [new FakePort()], { other: 'frame' });
    h.win.post('something-else', [new FakePort()]);
    h.win.post(CORE_PORT_MESSAGE, []);
    expect(h.states.at(-1)).toEqual({ status: 'connecting', everConnected: false });
  });

  it('swaps to a new port after a core restart: old port closed, in-flight calls failed, refetch hook fired', async () => {
    const h = harness();
    const first = new FakePort();
    h.win.post(CORE_PORT_MESSAGE, [first]);
    const inFlight = h.client.call('runs/list-runs', {});
    const second = new FakePort();
    h.win.post(CORE_PORT_MESSAGE, [second]);
    await expect(inFlight).rejects.toMatchObject({ code: 'disconnected' });
    expect(first.closed).toBe(true);
    expect(h.onReconnected).toHaveBeenCalledTimes(1);
    expect(h.states.filter((s) => s.status === 'lost')).toEqual([]);
    void h.client.call('system/get-status', {});
    expect(second.posted).toHaveLength(1);
    expect(h.connectCore).toHaveBeenCalledTimes(1);
  });

  it('when the port closes and nothing replaces it, shows the loss and asks again after the backoff', async () => {
    const h = harness();
    const port = new FakePort();
    h.win.post(CORE_PORT_MESSAGE, [port]);
    await tick();
    port.remoteClose();
    expect(h.states.at(-1)).toMatchObject({ status: 'lost', everConnected: true, retryInMs: 500 });
    h.timers.fireAll();
    await tick();
    expect(h.connectCore).toHaveBeenCalledTimes(2);
  });

  it('does not pile up requests while one is still out', async () => {
    let answer!: () => void;
    const connectCore = vi.fn(() => new Promise<void>((resolve) => (answer = resolve)));
    const h = harness(connectCore);
    const port = new FakePort();
    h.win.post(CORE_PORT_MESSAGE, [port]);
    port.remoteClose();
    h.timers.fireAll();
    expect(connectCore).toHaveBeenCalledTimes(1);
    expect(h.states.at(-1)).toMatchObject({ status: 'lost', retryInMs: 1000 });
    answer();
    await tick();
    h.timers.fireAll();
    await tick();
    expect(connectCore).toHaveBeenCalledTimes(2);
  });

  it('retries when connectCore rejects (the core did not answer)', async () => {
    const connectCore = vi.fn(() => Promise.reject(new Error('timeout')));
    const h = harness(connectCore);
    await tick();
    expect(h.states.at(-1)).toMatchObject({ status: 'lost', everConnected: false, retryInMs: 500 });
    h.timers.fireAll();
    await tick();
    expect(connectCore).toHaveBeenCalledTimes(2);
    expect(h.states.at(-1)).toMatchObject({ status: 'lost', retryInMs: 1000 });
  });

  it('stop() detaches from the window and closes the port', () => {
    const h = harness();
    const port = new FakePort();
    h.win.post(CORE_PORT_MESSAGE, [port]);
    h.handle.stop();
    expect(port.closed).toBe(true);
    expect(h.win.listeners.size).toBe(0);
  });
});
