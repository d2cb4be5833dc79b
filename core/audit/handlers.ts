import type { Handlers } from '../contract/handlers.ts';
import type { Ledger } from '../store/ledger.ts';

/**
 * `audit/list-entries` (the append-only audit log, newest first, optionally one person's), `audit/search-entries`
 * (by actor, action, time) and `audit/list-actors` (who appears in it, for the filter by person).
 */
export function auditHandlers(ledger: Ledger): Pick<Handlers, 'audit/list-entries' | 'audit/search-entries' | 'audit/list-actors'> {
  const search = ledger.auditSearch;
  return {
    'audit/list-entries': async ({ beforeId, limit, actorId }) => ({
      items: actorId === undefined ? ledger.audit.list(beforeId, limit) : search.search({ actorId, beforeId, limit }),
    }),
    'audit/search-entries': async (q) => ({ items: search.search(q) }),
    'audit/list-actors': async () => ({ items: search.actors() }),
  };
}
