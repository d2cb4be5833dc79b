// The alerts domain as other domains see it.
export { inScope } from './evaluate.ts';
export type { Alerting } from './service.ts';
