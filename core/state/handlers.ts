import type { Handlers } from '../contract/handlers.ts';
import type { Clock } from '../platform/clock.ts';
import type { WorkflowStates } from './service.ts';

export function stateHandlers(states: WorkflowStates, clock: Clock): Pick<Handlers, 'workflows/list-states'> {
  return {
    'workflows/list-states': async () => states.list(clock.now()),
  };
}
