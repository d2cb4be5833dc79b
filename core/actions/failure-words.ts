import { HttpFailure } from '../platform/http/types.ts';
import { vendorMessage } from '../sync/health.ts';

/** A vendor failure in an owner's words: what the vendor refused or why it could not be reached. */
export function failureWords(error: unknown, label: string, credential: string): string {
  if (!(error instanceof HttpFailure)) return error instanceof Error ? error.message : String(error);
  const said = vendorMessage(error.body);
  if (error.kind === 'auth') return `${label} refused (${error.status ?? 401}): the ${credential} may be revoked or lack write access.`;
  if (error.kind === 'client' || error.kind === 'not_found') return `${label} refused it${error.status ? ` (${error.status})` : ''}${said ? `: ${said}` : '.'}`;
  return `${label} could not be reached or failed (${error.message}).`;
}
