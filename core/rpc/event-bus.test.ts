import { describe, expect, it } from 'vitest';
import type { AnyEvent, EventPayload } from '../contract/events.ts';
import { EventBus } from './event-bus.ts';

const polled: EventPayload<'connectors/polled'> = { connectorId: 'c1', ok: true, at: 1_000, nextPollAt: 61_000 };

describe('EventBus', () => {
  it('gives a subscriber the payload of the events it named, and only those', () => {
    const bus = new EventBus();
    const seen: EventPayload<'connectors/polled'>[] = [];
    bus.subscribe('connectors/polled', (payload) => seen.push(payload));
    bus.emit('ledger/changed', { tables: ['runs'], connectorId: null });
    bus.emit('connectors/polled', polled);
    expect(seen).toEqual([polled]);
  });

  it('gives an all-events subscriber every event, in order, and stops after unsubscribe', () => {
    const bus = new EventBus();
    const seen: AnyEvent[] = [];
    const unsubscribe = bus.subscribeAll((event) => seen.push(event));
    bus.emit('ledger/changed', { tables: ['runs'], connectorId: null });
    bus.emit('connectors/polled', polled);
    unsubscribe();
    bus.emit('connectors/polled', polled);
    expect(seen).toEqual([{ name: 'ledger/changed', payload: { tables: ['runs'], connectorId: null } }, { name: 'connectors/polled', payload: polled }]);
  });

  it('delivers to named and all-events subscribers in the order they subscribed', () => {
    const bus = new EventBus();
    const order: string[] = [];
    bus.subscribeAll(() => order.push('all'));
    bus.subscribe('connectors/polled', () => order.push('polled'));
    bus.emit('connectors/polled', polled);
    expect(order).toEqual(['all', 'polled']);
  });

  // Type level: `tsc -b` checks this file (tsconfig.core.json includes core/**/*.ts); each line after @ts-expect-error must fail
  // to typecheck. The ill-typed emits run before anyone subscribes, so they reach no one.
  it('types payloads from the contract', () => {
    const bus = new EventBus();
    // @ts-expect-error -- `ok` is a boolean
    bus.emit('connectors/polled', { ...polled, ok: 'yes' });
    // @ts-expect-error -- `connectorId` is missing
    bus.emit('ledger/changed', { tables: [] });
    // @ts-expect-error -- no such event
    bus.emit('connectors/exploded', polled);
    const tables: string[][] = [];
    bus.subscribe('ledger/changed', (payload) => tables.push(payload.tables));
    // @ts-expect-error -- a connectors/polled payload has no `tables`
    bus.subscribe('connectors/polled', (payload) => tables.push(payload.tables));
    bus.subscribeAll((event) => {
      if (event.name === 'ledger/changed') tables.push(event.payload.tables);
      // @ts-expect-error -- only ledger/changed carries `tables`; the union is not narrowed here
      else tables.push(event.payload.tables);
    });
    bus.emit('ledger/changed', { tables: ['runs'], connectorId: null });
    expect(tables).toEqual([['runs'], ['runs']]);
  });
});
