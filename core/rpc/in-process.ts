import type { Duplex } from '../contract/protocol.ts';

/** Two connected in-memory Duplex ends; frames are delivered asynchronously, like a real transport. */
export function duplexPair(): [Duplex, Duplex] {
  const make = () => ({ message: new Set<(f: string) => void>(), close: new Set<() => void>(), open: true });
  const a = make();
  const b = make();
  const end = (self: typeof a, peer: typeof a): Duplex => ({
    send(frame) {
      if (!self.open) return;
      queueMicrotask(() => peer.message.forEach((l) => l(frame)));
    },
    onMessage(l) { self.message.add(l); },
    onClose(l) { self.close.add(l); },
    close() {
      if (!self.open) return;
      self.open = false;
      peer.open = false;
      queueMicrotask(() => { self.close.forEach((l) => l()); peer.close.forEach((l) => l()); });
    },
  });
  return [end(a, b), end(b, a)];
}
