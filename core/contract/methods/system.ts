import { z } from 'zod';
import { GetStatusInput, ListAuditActorsOutput, ListAuditInput, ListAuditOutput, StatusOutput } from '../system.ts';

/** `system/*`: the core's version, clock, storage health and mode. */
export const systemSchemas = {
  'system/get-status': { input: GetStatusInput, output: StatusOutput, write: false, permission: 'read' },
} as const;

/** `audit/*` read from the audit log (its search lives with the alerts' slice, beside the incident history). */
export const auditSchemas = {
  'audit/list-entries': { input: ListAuditInput, output: ListAuditOutput, write: false, permission: 'read' },
  /** The people (and tokens, and Flowdeck itself) who appear in the audit, for its filter by person. */
  // Who appears in the audit (names and kinds): as readable as the audit itself.
  'audit/list-actors': { input: z.object({}).strict(), output: ListAuditActorsOutput, write: false, permission: 'read' },
} as const;
