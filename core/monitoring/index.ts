// The monitoring domain as other domains see it.
export { resolveExpectations, scheduleLabel } from './sla-expectations.ts';
export { slaReport, type SlaContext } from './sla.ts';
export { slaContextSource } from './sla-context.ts';
