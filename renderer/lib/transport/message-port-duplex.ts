import type { Duplex } from '../../../core/contract/protocol.ts';
import { createDuplexListeners } from './listeners.ts';

/** The part of a DOM MessagePort the adapter uses (a real MessagePort satisfies it). */
export interface PortLike {
  postMessage(message: string): void;
  addEventListener(type: 'message' | 'close', listener: (event: { data?: unknown }) => void): void;
  start(): void;
  close(): void;
}

/**
 * Wraps the MessagePort the Electron preload hands over as a Duplex of JSON text frames.
 * Non-string messages are ignored; the port's `close` event (the core process went away) closes the Duplex.
 */
export function messagePortDuplex(port: PortLike): Duplex {
  const hub = createDuplexListeners();
  port.addEventListener('message', (event) => {
    if (typeof event.data === 'string') hub.emitMessage(event.data);
  });
  port.addEventListener('close', () => hub.emitClose());
  port.start();
  return {
    send(frame) {
      if (!hub.closed) port.postMessage(frame);
    },
    onMessage: hub.onMessage,
    onClose: hub.onClose,
    close() {
      if (hub.closed) return;
      port.close();
      hub.emitClose();
    },
  };
}
