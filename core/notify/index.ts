// The notify domain as other domains see it.
export { Outbox } from './outbox.ts';
export { channelSecrets, type ChannelSecrets } from './secrets.ts';
