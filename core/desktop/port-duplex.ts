import type { Duplex } from '../contract/protocol.ts';

/** A MessagePortMain as the utility process sees it. */
export interface PortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

/** `process.parentPort` in an Electron utility process: messages from main (with ports), postMessage to main. */
export interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown; ports: PortLike[] }) => void): void;
  postMessage(message: unknown): void;
}

/** A MessagePortMain as the contract's Duplex. */
export function portDuplex(port: PortLike): Duplex {
  let closed = false;
  const closeListeners: (() => void)[] = [];
  port.on('close', () => {
    if (closed) return;
    closed = true;
    for (const l of closeListeners) l();
  });
  return {
    send: (frame) => port.postMessage(frame),
    onMessage: (listener) => port.on('message', (e) => { if (typeof e.data === 'string') listener(e.data); }),
    onClose: (listener) => void closeListeners.push(listener),
    close: () => {
      port.close();
      if (closed) return;
      closed = true;
      for (const l of closeListeners) l();
    },
  };
}
