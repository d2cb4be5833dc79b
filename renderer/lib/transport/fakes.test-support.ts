import type { PortLike } from './message-port-duplex.ts';
import type { SocketLike } from './websocket-duplex.ts';

type Listener = (event: { data?: unknown }) => void;

function listenerMap() {
  const map = new Map<string, Set<Listener>>();
  return {
    add(type: string, l: Listener) {
      if (!map.has(type)) map.set(type, new Set());
      map.get(type)!.add(l);
    },
    fire(type: string, event: { data?: unknown } = {}) {
      for (const l of map.get(type) ?? []) l(event);
    },
    count: (type: string) => map.get(type)?.size ?? 0,
  };
}

/** A MessagePort stand-in: records what is posted, lets the test deliver messages and close it. */
export class FakePort implements PortLike {
  readonly posted: string[] = [];
  started = false;
  closed = false;
  private readonly listeners = listenerMap();
  postMessage(message: string) {
    this.posted.push(message);
  }
  addEventListener(type: 'message' | 'close', listener: Listener) {
    this.listeners.add(type, listener);
  }
  start() {
    this.started = true;
  }
  close() {
    this.closed = true;
  }
  deliver(data: unknown) {
    this.listeners.fire('message', { data });
  }
  remoteClose() {
    this.listeners.fire('close');
  }
}

/** A WebSocket stand-in with the real readyState numbers. */
export class FakeSocket implements SocketLike {
  readyState = 0;
  readonly sent: string[] = [];
  closeCalls = 0;
  private readonly listeners = listenerMap();
  readonly url: string;
  constructor(url: string) {
    this.url = url;
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.closeCalls += 1;
    this.readyState = 3;
  }
  addEventListener(type: 'open' | 'message' | 'close' | 'error', listener: Listener) {
    this.listeners.add(type, listener);
  }
  open() {
    this.readyState = 1;
    this.listeners.fire('open');
  }
  deliver(data: unknown) {
    this.listeners.fire('message', { data });
  }
  fail() {
    this.listeners.fire('error');
    this.readyState = 3;
    this.listeners.fire('close');
  }
  remoteClose() {
    this.readyState = 3;
    this.listeners.fire('close');
  }
}

/** Timers the test fires by hand: `setTimer` for code under test, `fire()` to run what is due. */
export function manualTimers() {
  const pending: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  return {
    setTimer(fn: () => void, ms: number) {
      const t = { fn, ms, cancelled: false };
      pending.push(t);
      return () => {
        t.cancelled = true;
      };
    },
    /** Delays of the timers still waiting, in order. */
    waiting: () => pending.filter((t) => !t.cancelled).map((t) => t.ms),
    fireAll() {
      const due = pending.splice(0).filter((t) => !t.cancelled);
      for (const t of due) t.fn();
    },
  };
}
