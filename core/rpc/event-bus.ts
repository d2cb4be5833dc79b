import type { EventName, EventPayload } from '../contract/events.ts';

type Subscriber = (name: EventName, payload: unknown) => void;

/** In-core fan-out of contract events to every connected client. */
export class EventBus {
  private readonly subscribers = new Set<Subscriber>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const s of this.subscribers) s(name, payload);
  }

  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }
}
