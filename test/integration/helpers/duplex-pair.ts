import type { Duplex } from '../../../core/contract/protocol.ts';

/** Two ends of an in-memory transport: the page's and the window port the core process would hold. */
export function duplexPair(): [Duplex, Duplex] {
  const make = () => ({ messages: [] as ((f: string) => void)[], closes: [] as (() => void)[], closed: false });
  const a = make();
  const b = make();
  const end = (self: ReturnType<typeof make>, other: ReturnType<typeof make>): Duplex => ({
    send: (f) => { if (!self.closed) queueMicrotask(() => { for (const l of other.messages) l(f); }); },
    onMessage: (l) => void self.messages.push(l),
    onClose: (l) => void self.closes.push(l),
    close: () => {
      for (const side of [self, other]) {
        if (side.closed) continue;
        side.closed = true;
        for (const l of side.closes) l();
      }
    },
  });
  return [end(a, b), end(b, a)];
}
