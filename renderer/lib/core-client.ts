import { CoreClient } from '../../core/contract/client.ts';
import type { EventName, EventPayload } from '../../core/contract/events.ts';
import type { Input, Method, Output } from '../../core/contract/handlers.ts';
import { getBridge } from './bridge-types.ts';
import { keepConnected, type ConnectionHandle, type KeepConnectedOptions } from './connection.ts';
import { useConnectionStore } from './connection-store.ts';
import { sendToSignInIfSignedOut } from './serve-session.ts';
import { serverClock } from './server-clock.ts';
import { keepConnectedViaBridge } from './transport/electron-bridge.ts';
import { openWebSocket, webSocketUrl } from './transport/websocket-duplex.ts';

/** What feature stores use to reach the core. Stores take it as a parameter so tests can pass a fake. */
export interface CoreApi {
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Fires after the transport came back: events may have been missed, so refetch. */
  onReconnected(listener: () => void): () => void;
}

/** Electron: MessagePorts handed over by the preload bridge. Browser (serve mode): the WebSocket on this origin. */
function connectTransport(options: Omit<KeepConnectedOptions, 'connect'>): ConnectionHandle {
  const bridge = getBridge();
  if (bridge) return keepConnectedViaBridge({ ...options, bridge, target: window });
  const url = webSocketUrl(window.location);
  const connect = async () => {
    try {
      return await openWebSocket(url, (u) => new WebSocket(u));
    } catch (error) {
      // Signed out (elsewhere, disabled, a new password): the sign-in page, not endless retries.
      await sendToSignInIfSignedOut();
      throw error;
    }
  };
  return keepConnected({ ...options, connect });
}

let started: CoreApi | null = null;

function start(): CoreApi {
  if (started) return started;
  const client = new CoreClient({ timeoutMs: 30_000 });
  const reconnected = new Set<() => void>();
  const handle = connectTransport({
    attach: (duplex) => {
      client.attach(duplex);
      // Times on screen are relative to the core's clock: read it at every connection.
      void serverClock.sync(() => client.call('system/get-status', {}));
    },
    onState: (state) => useConnectionStore.setState({ state }),
    onReconnected: () => {
      for (const listener of reconnected) listener();
    },
  });
  useConnectionStore.setState({ retryNow: handle.retryNow });
  started = {
    call: (method, input) => client.call(method, input),
    on: (name, listener) => client.on(name, listener),
    onReconnected(listener) {
      reconnected.add(listener);
      return () => reconnected.delete(listener);
    },
  };
  return started;
}

/** The one client of the core for this window; connects on first use. */
export const core: CoreApi = {
  call: (method, input) => start().call(method, input),
  on: (name, listener) => start().on(name, listener),
  onReconnected: (listener) => start().onReconnected(listener),
};
