import { CallMessage, type Duplex } from '../contract/protocol.ts';
import type { CallContext } from '../contract/handlers.ts';
import { hideSecretsDeep, seesSecrets } from '../contract/redaction.ts';
import type { EventBus } from './event-bus.ts';
import type { Dispatcher } from './dispatcher.ts';

/**
 * Serves one client over one Duplex: parses frames, dispatches calls, forwards events.
 * A malformed frame gets a protocol error frame; the connection keeps serving.
 */
export function serveConnection(duplex: Duplex, dispatcher: Dispatcher, events: EventBus, ctx: CallContext): () => void {
  // Events reach a role without secrets through the same generic pass as its answers (core/contract/redaction.ts).
  const blind = !seesSecrets(ctx.role ?? 'owner');
  const unsubscribe = events.subscribeAll(({ name, payload }) =>
    duplex.send(JSON.stringify({ t: 'event', name, payload: blind ? hideSecretsDeep(payload) : payload })));
  duplex.onClose(unsubscribe);
  duplex.onMessage((frame) => {
    let raw: unknown;
    try {
      raw = JSON.parse(frame);
    } catch {
      duplex.send(JSON.stringify({ t: 'error', error: { kind: 'protocol', code: 'malformed_frame', message: 'The frame is not valid JSON.' } }));
      return;
    }
    const call = CallMessage.safeParse(raw);
    if (!call.success) {
      duplex.send(JSON.stringify({
        t: 'error',
        error: { kind: 'protocol', code: 'malformed_frame', message: 'The frame is not a call: expected {t:"call", id, method, input}.' },
      }));
      return;
    }
    const { id, method, input } = call.data;
    void dispatcher.dispatch(method, input, ctx).then((result) => {
      duplex.send(JSON.stringify({ t: 'result', id, ...result }));
    });
  });
  return unsubscribe;
}
