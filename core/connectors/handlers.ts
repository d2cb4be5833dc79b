import { auditActorOf } from '../contract/actor.ts';
import type { Handlers } from '../contract/handlers.ts';
import type { ConnectorService } from './service.ts';

/** The Connectors page and `flowdeck connectors`: list, test, add, remove, pause/resume, new credential, poll now. */
export function connectorsHandlers(service: ConnectorService): Pick<Handlers,
  'connectors/list-connectors' | 'connectors/test-connector' | 'connectors/add-connector' | 'connectors/add-push-connector' |
  'connectors/remove-connector' |
  'connectors/set-paused' | 'connectors/set-credential' | 'connectors/poll-now'> {
  return {
    'connectors/list-connectors': async () => ({ items: service.list() }),
    'connectors/test-connector': (draft) => service.test(draft),
    'connectors/add-connector': (draft, ctx) => service.add(draft, auditActorOf(ctx)),
    'connectors/add-push-connector': async ({ name }, ctx) => service.addPush(name, auditActorOf(ctx)),
    'connectors/remove-connector': ({ id }, ctx) => service.remove(id, auditActorOf(ctx)),
    'connectors/set-paused': async ({ id, paused }, ctx) => service.setPaused(id, paused, auditActorOf(ctx)),
    'connectors/set-credential': ({ id, credential }, ctx) => service.setCredential(id, credential, auditActorOf(ctx)),
    'connectors/poll-now': ({ id }) => service.pollNow(id),
  };
}
