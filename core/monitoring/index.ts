// The monitoring domain as other domains see it.
export { resolveExpectations, scheduleLabel } from './sla-expectations.ts';
