export * from './runs.ts';
export * from './catalog.ts';
export * from './system.ts';
export * from './handlers.ts';
export * from './events.ts';
export * from './errors.ts';
export * from './protocol.ts';
export * from './client.ts';
