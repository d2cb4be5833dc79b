import { describe, expect, it, vi } from 'vitest';
import { FakeSocket, manualTimers } from './fakes.test-support.ts';
import { openWebSocket, webSocketDuplex, webSocketUrl } from './websocket-duplex.ts';

describe('webSocketUrl', () => {
  it('uses the page origin and a secure socket under https', () => {
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:4173' })).toBe('ws://127.0.0.1:4173/ws');
    expect(webSocketUrl({ protocol: 'https:', host: 'flowdeck.lan' })).toBe('wss://flowdeck.lan/ws');
  });
});

describe('openWebSocket', () => {
  it('resolves with a working duplex once the socket opens', async () => {
    let socket!: FakeSocket;
    const timers = manualTimers();
    const opening = openWebSocket('ws://h/ws', (url) => (socket = new FakeSocket(url)), { setTimer: timers.setTimer });
    expect(socket.url).toBe('ws://h/ws');
    socket.open();
    const duplex = await opening;
    expect(timers.waiting()).toEqual([]);
    const received: string[] = [];
    duplex.onMessage((f) => received.push(f));
    duplex.send('out');
    socket.deliver('in');
    socket.deliver(new ArrayBuffer(2));
    expect(socket.sent).toEqual(['out']);
    expect(received).toEqual(['in']);
  });

  it('rejects when the socket fails before opening (e.g. refused without the session cookie)', async () => {
    let socket!: FakeSocket;
    const opening = openWebSocket('ws://h/ws', (url) => (socket = new FakeSocket(url)), { setTimer: manualTimers().setTimer });
    socket.fail();
    await expect(opening).rejects.toThrow('Could not connect to ws://h/ws.');
  });

  it('gives up and closes the socket when it never opens', async () => {
    let socket!: FakeSocket;
    const timers = manualTimers();
    const opening = openWebSocket('ws://h/ws', (url) => (socket = new FakeSocket(url)), { timeoutMs: 5000, setTimer: timers.setTimer });
    expect(timers.waiting()).toEqual([5000]);
    timers.fireAll();
    await expect(opening).rejects.toThrow('No answer from ws://h/ws within 5 s.');
    expect(socket.closeCalls).toBe(1);
  });
});

describe('webSocketDuplex', () => {
  it('closes once when the server goes away and then drops frames', () => {
    const socket = new FakeSocket('ws://h/ws');
    socket.readyState = 1;
    const duplex = webSocketDuplex(socket);
    const onClose = vi.fn();
    duplex.onClose(onClose);
    socket.remoteClose();
    duplex.send('dropped');
    duplex.close();
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(socket.sent).toEqual([]);
    expect(socket.closeCalls).toBe(0);
  });

  it('close() closes the socket and notifies', () => {
    const socket = new FakeSocket('ws://h/ws');
    socket.readyState = 1;
    const duplex = webSocketDuplex(socket);
    const onClose = vi.fn();
    duplex.onClose(onClose);
    duplex.close();
    expect(socket.closeCalls).toBe(1);
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
