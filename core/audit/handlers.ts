import type { Handlers } from '../contract/handlers.ts';
import type { Ledger } from '../store/ledger.ts';

/** `audit/list-entries`: the append-only audit log, newest first (its search is answered with the incident history). */
export function auditHandlers(ledger: Ledger): Pick<Handlers, 'audit/list-entries'> {
  return {
    'audit/list-entries': async ({ beforeId, limit }) => ({ items: ledger.audit.list(beforeId, limit) }),
  };
}
