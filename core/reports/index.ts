// The reports domain as other domains and hosts see it.
export { reportHandlers } from './handlers.ts';
export { startDigestSchedule, sendDueDigests, type DigestSchedule } from './digest.ts';
