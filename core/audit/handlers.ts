import type { Handlers } from '../contract/handlers.ts';
import type { Ledger } from '../store/ledger.ts';

/** `audit/list-entries` (the append-only audit log, newest first) and `audit/search-entries` (by actor, action, time). */
export function auditHandlers(ledger: Ledger): Pick<Handlers, 'audit/list-entries' | 'audit/search-entries'> {
  const search = ledger.auditSearch;
  return {
    'audit/list-entries': async ({ beforeId, limit }) => ({ items: ledger.audit.list(beforeId, limit) }),
    'audit/search-entries': async (q) => ({ items: search.search(q) }),
  };
}
