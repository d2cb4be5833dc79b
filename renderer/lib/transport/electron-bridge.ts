import type { Duplex } from '../../../core/contract/protocol.ts';
import { CORE_PORT_MESSAGE, type FlowdeckBridge } from '../bridge-types.ts';
import { backoffDelay, DEFAULT_BACKOFF, LOST_MESSAGE, UNREACHABLE_MESSAGE, type ConnectionHandle, type KeepConnectedOptions } from '../connection.ts';
import { messagePortDuplex, type PortLike } from './message-port-duplex.ts';

/** What the page-side port hand-over needs from `window` (a real Window satisfies it). */
export interface PortMessageTarget {
  addEventListener(type: 'message', listener: (event: { source: unknown; data: unknown; ports: readonly PortLike[] }) => void): void;
  removeEventListener(type: 'message', listener: (event: { source: unknown; data: unknown; ports: readonly PortLike[] }) => void): void;
}

export interface BridgeConnectionOptions extends Omit<KeepConnectedOptions, 'connect'> {
  bridge: Pick<FlowdeckBridge, 'connectCore'>;
  /** Where the preload posts ports: `window`. Only messages whose source is `target` itself are accepted. */
  target: PortMessageTarget;
}

const defaultTimer = (fn: () => void, ms: number) => {
  const id = setTimeout(fn, ms);
  return () => clearTimeout(id);
};

/**
 * Electron transport. `connectCore()` asks main for a port; every port (the first, and a new one main posts
 * by itself after restarting a crashed core) arrives as a `message` event on the window and replaces the
 * previous one. If the port closes and no new one comes, ask again with backoff.
 */
export function keepConnectedViaBridge(options: BridgeConnectionOptions): ConnectionHandle {
  const { bridge, target, attach, onState, onReconnected, backoff = DEFAULT_BACKOFF, random = Math.random } = options;
  const setTimer = options.setTimer ?? defaultTimer;
  let current: Duplex | null = null;
  let everConnected = false;
  let attempt = 0;
  let requesting = false;
  let stopped = false;
  let cancelRetry: (() => void) | null = null;

  const scheduleRetry = () => {
    if (stopped || cancelRetry) return;
    const retryInMs = backoffDelay(attempt++, backoff, random);
    onState({ status: 'lost', everConnected, message: everConnected ? LOST_MESSAGE : UNREACHABLE_MESSAGE, retryInMs });
    cancelRetry = setTimer(() => {
      cancelRetry = null;
      if (current) return;
      // A request is still out (the core is slow to answer): wait another round rather than pile up requests.
      if (requesting) scheduleRetry();
      else void request();
    }, retryInMs);
  };

  const request = async () => {
    if (stopped || requesting) return;
    requesting = true;
    if (!current) onState({ status: 'connecting', everConnected });
    try {
      await bridge.connectCore();
    } catch {
      if (!current) scheduleRetry();
    } finally {
      requesting = false;
    }
  };

  const onMessage = (event: { source: unknown; data: unknown; ports: readonly PortLike[] }) => {
    const port = event.ports[0];
    if (stopped || event.source !== target || event.data !== CORE_PORT_MESSAGE || !port) return;
    cancelRetry?.();
    cancelRetry = null;
    attempt = 0;
    const previous = current;
    const duplex = messagePortDuplex(port);
    current = duplex;
    previous?.close();
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

  target.addEventListener('message', onMessage);
  void request();
  return {
    retryNow() {
      if (stopped || current || requesting) return;
      cancelRetry?.();
      cancelRetry = null;
      void request();
    },
    stop() {
      stopped = true;
      target.removeEventListener('message', onMessage);
      cancelRetry?.();
      current?.close();
      current = null;
    },
  };
}
