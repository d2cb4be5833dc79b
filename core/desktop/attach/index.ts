export { startAttachedDesktop, ATTACH_TICK_MS, type AttachedDesktop, type AttachOptions } from './attached-desktop.ts';
export { parseServerAddress, type ServerAddress } from './server-address.ts';
export type { AttachState, AttachStatus } from './status.ts';
