import { GetStatusInput, ListAuditInput, ListAuditOutput, StatusOutput } from '../system.ts';

/** `system/*`: the core's version, clock, storage health and mode. */
export const systemSchemas = {
  'system/get-status': { input: GetStatusInput, output: StatusOutput, write: false },
} as const;

/** `audit/*` read from the audit log (its search lives with the alerts' slice, beside the incident history). */
export const auditSchemas = {
  'audit/list-entries': { input: ListAuditInput, output: ListAuditOutput, write: false },
} as const;
