// The alerts domain as other domains see it.
export { inScope } from './evaluate.ts';
export type { Alerting } from './service.ts';
export { localMinute, mayNotify, quietWindowUntil, type QuietWindow } from './policy.ts';
export { SYSTEM_ACTOR } from './engine.ts';
export type { IncidentPaging, PagingContext } from './types.ts';
