// The connectors domain as other domains see it.
export type { ConnectorsModule } from './module.ts';
