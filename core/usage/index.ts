// The usage domain as other domains and hosts see it: use against each connector's plan (docs/usage.md).
export { usageHandlers } from './handlers.ts';
export { usageFacts } from './facts.ts';
export { cycleAt, type Cycle } from './cycle.ts';
export { forecastAtCycleEnd } from './forecast.ts';
