import { describe, expect, it, vi } from 'vitest';
import { CoreClient } from '../../core/contract/client.ts';
import { backoffDelay, keepConnected, LOST_MESSAGE, UNREACHABLE_MESSAGE, type ConnectionState } from './connection.ts';
import { FakeSocket, manualTimers } from './transport/fakes.test-support.ts';
import { openWebSocket } from './transport/websocket-duplex.ts';

describe('backoffDelay', () => {
  it('doubles from the base and never exceeds the cap, jitter included', () => {
    const b = { baseMs: 500, maxMs: 15_000 };
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, b, () => 0.5))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelay(0, b, () => 0)).toBe(400);
    expect(backoffDelay(0, b, () => 1)).toBe(600);
    expect(backoffDelay(10, b, () => 1)).toBe(15_000);
    expect(backoffDelay(1000, b, () => 0.99)).toBe(15_000);
  });
});

/** keepConnected over fake sockets and hand-fired timers, feeding a real CoreClient. */
function harness() {
  const sockets: FakeSocket[] = [];
  const timers = manualTimers();
  const states: ConnectionState[] = [];
  const client = new CoreClient({ timeoutMs: 60_000 });
  const onReconnected = vi.fn();
  const handle = keepConnected({
    connect: () => openWebSocket('ws://h/ws', (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    }, { setTimer: timers.setTimer }),
    attach: (d) => client.attach(d),
    onState: (s) => states.push(s),
    onReconnected,
    random: () => 0.5,
    setTimer: timers.setTimer,
  });
  const last = () => sockets.at(-1)!;
  return { sockets, timers, states, client, handle, onReconnected, last };
}

const tick = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('keepConnected', () => {
  it('queues calls until the socket opens, then answers them', async () => {
    const h = harness();
    const call = h.client.call('system/get-status', {});
    expect(h.states.at(-1)).toEqual({ status: 'connecting', everConnected: false });
    h.last().open();
    await tick();
    expect(h.states.at(-1)).toEqual({ status: 'connected' });
    const sent = JSON.parse(h.last().sent[0]!) as { id: number; method: string };
    expect(sent.method).toBe('system/get-status');
    h.last().deliver(JSON.stringify({ t: 'result', id: sent.id, ok: true, output: { demo: true } }));
    await expect(call).resolves.toEqual({ demo: true });
  });

  it('after a drop: fails in-flight calls, says so in plain words, retries with growing delays, refetch hook fires', async () => {
    const h = harness();
    h.last().open();
    await tick();
    const inFlight = h.client.call('runs/list-runs', {});
    h.last().remoteClose();
    await expect(inFlight).rejects.toMatchObject({ kind: 'unavailable', code: 'disconnected' });
    expect(h.states.at(-1)).toEqual({ status: 'lost', everConnected: true, message: LOST_MESSAGE, retryInMs: 500 });

    h.timers.fireAll();
    expect(h.sockets).toHaveLength(2);
    h.last().fail();
    await tick();
    expect(h.states.at(-1)).toMatchObject({ status: 'lost', retryInMs: 1000 });

    h.timers.fireAll();
    h.last().open();
    await tick();
    expect(h.states.at(-1)).toEqual({ status: 'connected' });
    expect(h.onReconnected).toHaveBeenCalledTimes(1);

    // A later drop starts the backoff from the beginning again.
    h.last().remoteClose();
    expect(h.states.at(-1)).toMatchObject({ retryInMs: 500 });
  });

  it('says it cannot reach Flowdeck when it never connected', async () => {
    const h = harness();
    h.last().fail();
    await tick();
    expect(h.states.at(-1)).toMatchObject({ status: 'lost', everConnected: false, message: UNREACHABLE_MESSAGE });
    expect(h.onReconnected).not.toHaveBeenCalled();
  });

  it('retryNow skips the wait; stop() closes and ends retrying', async () => {
    const h = harness();
    h.last().fail();
    await tick();
    expect(h.timers.waiting()).toEqual([500]);
    h.handle.retryNow();
    expect(h.sockets).toHaveLength(2);
    expect(h.timers.waiting()).toEqual([10_000]); // only the new attempt's open timeout
    h.last().open();
    await tick();
    h.handle.stop();
    expect(h.last().closeCalls).toBe(1);
    expect(h.timers.waiting()).toEqual([]);
  });
});
