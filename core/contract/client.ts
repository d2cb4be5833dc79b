import { CoreError } from './errors.ts';
import type { EventName, EventPayload } from './events.ts';
import type { Input, Method, Output } from './handlers.ts';
import type { Duplex, ServerMessage } from './protocol.ts';

interface Pending {
  method: string;
  resolve: (value: unknown) => void;
  reject: (error: CoreError) => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface CoreClientOptions {
  /** Per-call timeout; a call that outlives it rejects with kind `timeout`. */
  timeoutMs?: number;
}

type Listener = (payload: never) => void;

/**
 * Typed client of the core contract over any Duplex. Calls made before the transport is attached
 * are queued; every call has a timeout; `close()` rejects what is still in flight.
 */
export class CoreClient {
  private duplex: Duplex | null = null;
  private nextId = 1;
  private readonly queue: string[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly timeoutMs: number;
  private closed = false;

  constructor(options: CoreClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Attach (or re-attach) a connected transport; queued calls are flushed in order. */
  attach(duplex: Duplex): void {
    this.duplex = duplex;
    duplex.onMessage((frame) => this.receive(frame));
    duplex.onClose(() => {
      if (this.duplex === duplex) this.duplex = null;
      this.failAll({ kind: 'unavailable', code: 'disconnected', message: 'The connection to the Flowdeck core was lost.' });
    });
    for (const frame of this.queue.splice(0)) duplex.send(frame);
  }

  get inFlight(): number {
    return this.pending.size;
  }

  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
    if (this.closed) {
      return Promise.reject(new CoreError({ kind: 'unavailable', code: 'closed', message: 'The client is closed.' }));
    }
    const id = this.nextId++;
    const frame = JSON.stringify({ t: 'call', id, method, input });
    return new Promise<Output<M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new CoreError({ kind: 'timeout', code: 'timeout', message: `${method} took longer than ${this.timeoutMs} ms.` }));
      }, this.timeoutMs);
      this.pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject, timer });
      if (this.duplex) this.duplex.send(frame);
      else this.queue.push(frame);
    });
  }

  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  /** Reject everything in flight and refuse new calls. */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    this.failAll({ kind: 'unavailable', code: 'closed', message: 'The client was closed.' });
    this.duplex?.close();
    this.duplex = null;
  }

  private failAll(error: ConstructorParameters<typeof CoreError>[0]): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(new CoreError(error));
    }
  }

  private receive(frame: string): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(frame) as ServerMessage;
    } catch {
      return;
    }
    if (message.t === 'event') {
      for (const listener of this.listeners.get(message.name) ?? []) (listener as (p: unknown) => void)(message.payload);
      return;
    }
    if (message.t !== 'result') return;
    const p = this.pending.get(message.id);
    if (!p) return;
    this.pending.delete(message.id);
    clearTimeout(p.timer);
    if (message.ok) p.resolve(message.output);
    else p.reject(new CoreError(message.error));
  }
}
