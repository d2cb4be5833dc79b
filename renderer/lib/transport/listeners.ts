/** The listener bookkeeping every Duplex adapter needs: many message/close listeners, close fires once. */
export interface DuplexListeners {
  readonly closed: boolean;
  onMessage(listener: (frame: string) => void): void;
  onClose(listener: () => void): void;
  emitMessage(frame: string): void;
  emitClose(): void;
}

export function createDuplexListeners(): DuplexListeners {
  const messages = new Set<(frame: string) => void>();
  const closes = new Set<() => void>();
  let closed = false;
  return {
    get closed() {
      return closed;
    },
    onMessage: (listener) => void messages.add(listener),
    onClose(listener) {
      // A listener that arrives after the close still hears about it (asynchronously, like an event).
      if (closed) queueMicrotask(listener);
      else closes.add(listener);
    },
    emitMessage(frame) {
      if (closed) return;
      for (const listener of messages) listener(frame);
    },
    emitClose() {
      if (closed) return;
      closed = true;
      for (const listener of closes) listener();
      closes.clear();
      messages.clear();
    },
  };
}
