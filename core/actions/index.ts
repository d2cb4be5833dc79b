// The actions domain as other domains see it.
export { ControlActions } from './control.ts';
export { BulkActions } from './bulk.ts';
