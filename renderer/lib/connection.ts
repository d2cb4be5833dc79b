import type { Duplex } from '../../core/contract/protocol.ts';

export type ConnectionState =
  | { status: 'connecting'; everConnected: boolean }
  | { status: 'connected' }
  | { status: 'lost'; everConnected: boolean; message: string; retryInMs: number };

export interface Backoff {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 500, maxMs: 15_000 };

/** Capped exponential backoff with ±20 % jitter so many windows do not reconnect in lockstep. */
export function backoffDelay(attempt: number, backoff: Backoff = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponential = backoff.baseMs * 2 ** Math.min(attempt, 30);
  return Math.min(backoff.maxMs, Math.round(exponential * (0.8 + 0.4 * random())));
}

export const LOST_MESSAGE = 'Lost connection to Flowdeck — retrying…';
export const UNREACHABLE_MESSAGE =
  'Can’t reach Flowdeck — retrying… If you opened Flowdeck from a link, use the link it printed when it started.';

export interface KeepConnectedOptions {
  /** Opens one transport; resolves once it can carry frames. */
  connect: () => Promise<Duplex>;
  /** Receives each new transport (the CoreClient). */
  attach: (duplex: Duplex) => void;
  onState: (state: ConnectionState) => void;
  /** Called after every successful connection except the first: events may have been missed, so refetch. */
  onReconnected?: () => void;
  backoff?: Backoff;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => () => void;
}

export interface ConnectionHandle {
  /** Skip the remaining wait and try again now (no-op while connected or connecting). */
  retryNow(): void;
  stop(): void;
}

const defaultTimer = (fn: () => void, ms: number) => {
  const id = setTimeout(fn, ms);
  return () => clearTimeout(id);
};

/** Keeps one transport attached: connects, and after a drop or a failed attempt retries with backoff. */
export function keepConnected(options: KeepConnectedOptions): ConnectionHandle {
  const { connect, attach, onState, onReconnected, backoff = DEFAULT_BACKOFF, random = Math.random } = options;
  const setTimer = options.setTimer ?? defaultTimer;
  let attempt = 0;
  let everConnected = false;
  let stopped = false;
  let connecting = false;
  let current: Duplex | null = null;
  let cancelRetry: (() => void) | null = null;

  const scheduleRetry = () => {
    if (stopped) return;
    const retryInMs = backoffDelay(attempt++, backoff, random);
    onState({ status: 'lost', everConnected, message: everConnected ? LOST_MESSAGE : UNREACHABLE_MESSAGE, retryInMs });
    cancelRetry = setTimer(() => {
      cancelRetry = null;
      void tryConnect();
    }, retryInMs);
  };

  const tryConnect = async () => {
    if (stopped || connecting || current) return;
    connecting = true;
    onState({ status: 'connecting', everConnected });
    let duplex: Duplex;
    try {
      duplex = await connect();
    } catch {
      connecting = false;
      scheduleRetry();
      return;
    }
    connecting = false;
    if (stopped) {
      duplex.close();
      return;
    }
    current = duplex;
    attempt = 0;
    attach(duplex);
    duplex.onClose(() => {
      if (current !== duplex) return;
      current = null;
      scheduleRetry();
    });
    onState({ status: 'connected' });
    if (everConnected) onReconnected?.();
    everConnected = true;
  };

  void tryConnect();
  return {
    retryNow() {
      if (stopped || connecting || current) return;
      cancelRetry?.();
      cancelRetry = null;
      void tryConnect();
    },
    stop() {
      stopped = true;
      cancelRetry?.();
      current?.close();
      current = null;
    },
  };
}
