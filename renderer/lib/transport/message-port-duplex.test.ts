import { describe, expect, it, vi } from 'vitest';
import { FakePort } from './fakes.test-support.ts';
import { messagePortDuplex } from './message-port-duplex.ts';

describe('messagePortDuplex', () => {
  it('starts the port and carries string frames both ways', () => {
    const port = new FakePort();
    const duplex = messagePortDuplex(port);
    const received: string[] = [];
    duplex.onMessage((f) => received.push(f));
    duplex.send('{"t":"call"}');
    port.deliver('{"t":"result"}');
    port.deliver({ not: 'a string frame' });
    expect(port.started).toBe(true);
    expect(port.posted).toEqual(['{"t":"call"}']);
    expect(received).toEqual(['{"t":"result"}']);
  });

  it('reports a remote close once, then stops sending and delivering', () => {
    const port = new FakePort();
    const duplex = messagePortDuplex(port);
    const onClose = vi.fn();
    const received: string[] = [];
    duplex.onClose(onClose);
    duplex.onMessage((f) => received.push(f));
    port.remoteClose();
    port.remoteClose();
    duplex.send('late');
    port.deliver('late');
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(port.posted).toEqual([]);
    expect(received).toEqual([]);
  });

  it('closes the port on close() and tells every listener, including late ones', async () => {
    const port = new FakePort();
    const duplex = messagePortDuplex(port);
    const early = vi.fn();
    duplex.onClose(early);
    duplex.close();
    duplex.close();
    const late = vi.fn();
    duplex.onClose(late);
    await Promise.resolve();
    expect(port.closed).toBe(true);
    expect(early).toHaveBeenCalledTimes(1);
    expect(late).toHaveBeenCalledTimes(1);
  });
});
