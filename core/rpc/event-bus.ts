import type { AnyEvent, EventName, EventPayload } from '../contract/events.ts';

type Listener<E extends EventName> = (payload: EventPayload<E>) => void;

/** A listener for one event name, or (name null) for every event. */
interface Subscription {
  name: EventName | null;
  deliver(event: AnyEvent): void;
}

/** In-core fan-out of contract events: to subscribers of one event, and to the transports that forward every event. */
export class EventBus {
  private readonly subscriptions = new Set<Subscription>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const event = { name, payload } as AnyEvent;
    for (const s of this.subscriptions) if (s.name === null || s.name === name) s.deliver(event);
  }

  /** Calls `listener` with the payload of each `name` event; returns the unsubscribe. */
  subscribe<E extends EventName>(name: E, listener: Listener<E>): () => void {
    return this.add({ name, deliver: (event) => listener(event.payload as EventPayload<E>) });
  }

  /** Calls `listener` with every event (name and payload); returns the unsubscribe. */
  subscribeAll(listener: (event: AnyEvent) => void): () => void {
    return this.add({ name: null, deliver: listener });
  }

  private add(subscription: Subscription): () => void {
    this.subscriptions.add(subscription);
    return () => this.subscriptions.delete(subscription);
  }
}
