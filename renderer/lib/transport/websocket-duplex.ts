import type { Duplex } from '../../../core/contract/protocol.ts';
import { createDuplexListeners } from './listeners.ts';

/** The part of a DOM WebSocket the adapter uses (a real WebSocket satisfies it). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'message' | 'close' | 'error', listener: (event: { data?: unknown }) => void): void;
}

const OPEN = 1;

/** Wraps an already open WebSocket as a Duplex of JSON text frames. */
export function webSocketDuplex(socket: SocketLike): Duplex {
  const hub = createDuplexListeners();
  socket.addEventListener('message', (event) => {
    if (typeof event.data === 'string') hub.emitMessage(event.data);
  });
  socket.addEventListener('close', () => hub.emitClose());
  if (socket.readyState > OPEN) hub.emitClose();
  return {
    send(frame) {
      if (!hub.closed && socket.readyState === OPEN) socket.send(frame);
    },
    onMessage: hub.onMessage,
    onClose: hub.onClose,
    close() {
      if (hub.closed) return;
      socket.close();
      hub.emitClose();
    },
  };
}

export interface OpenWebSocketOptions {
  /** Give up on a connection attempt after this long (the browser's own timeout can be minutes). */
  timeoutMs?: number;
  setTimer?: (fn: () => void, ms: number) => () => void;
}

const defaultTimer = (fn: () => void, ms: number) => {
  const id = setTimeout(fn, ms);
  return () => clearTimeout(id);
};

/** Opens a WebSocket and resolves with its Duplex once open; rejects if it closes, errors or times out first. */
export function openWebSocket(
  url: string,
  create: (url: string) => SocketLike,
  options: OpenWebSocketOptions = {},
): Promise<Duplex> {
  const { timeoutMs = 10_000, setTimer = defaultTimer } = options;
  return new Promise((resolve, reject) => {
    const socket = create(url);
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      cancelTimer();
      socket.close();
      reject(new Error(message));
    };
    const cancelTimer = setTimer(() => fail(`No answer from ${url} within ${timeoutMs / 1000} s.`), timeoutMs);
    socket.addEventListener('error', () => fail(`Could not connect to ${url}.`));
    socket.addEventListener('close', () => fail(`The connection to ${url} closed before it opened.`));
    socket.addEventListener('open', () => {
      if (settled) return;
      settled = true;
      cancelTimer();
      resolve(webSocketDuplex(socket));
    });
  });
}

/** The serve-mode endpoint on the page's own origin; auth rides on the session cookie. */
export function webSocketUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}
