import type { WebSocket } from 'ws';
import type { Duplex } from '../contract/protocol.ts';

/** Close codes the server uses (4000–4999 are for applications). */
export const CLOSE_REVOKED = 4401;
export const CLOSE_SLOW_CONSUMER = 4408;
/** A person's role changed: the client reconnects (its session still works) and gets the new role. */
export const CLOSE_ROLE_CHANGED = 4409;
export const CLOSE_GOING_AWAY = 1001;

/** A client that stops reading gets cut off before its backlog eats the server's memory. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

const BINARY_FRAME = JSON.stringify({
  t: 'error',
  error: { kind: 'protocol', code: 'malformed_frame', message: 'Binary frames are not supported: send JSON text frames.' },
});

export interface WsDuplexOptions {
  /** Checked before each incoming frame is delivered; false closes the socket (e.g. its token was revoked). */
  stillAllowed: () => boolean;
}

/** Wraps a server-side `ws` socket as the contract's Duplex of JSON text frames. */
export function wsDuplex(socket: WebSocket, options: WsDuplexOptions): Duplex {
  const messageListeners = new Set<(frame: string) => void>();
  const closeListeners = new Set<() => void>();
  socket.on('message', (data, isBinary) => {
    if (!options.stillAllowed()) {
      socket.close(CLOSE_REVOKED, 'access token revoked');
      return;
    }
    if (isBinary) {
      socket.send(BINARY_FRAME);
      return;
    }
    const frame = Buffer.isBuffer(data) ? data.toString('utf8')
      : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
    for (const l of messageListeners) l(frame);
  });
  socket.on('close', () => {
    for (const l of closeListeners) l();
    closeListeners.clear();
    messageListeners.clear();
  });
  return {
    send(frame) {
      if (socket.readyState !== socket.OPEN) return;
      if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        socket.close(CLOSE_SLOW_CONSUMER, 'client is not reading');
        return;
      }
      socket.send(frame);
    },
    onMessage(listener) { messageListeners.add(listener); },
    onClose(listener) { closeListeners.add(listener); },
    close() { socket.close(CLOSE_GOING_AWAY, 'closing'); },
  };
}
