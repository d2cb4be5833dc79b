import type { Db } from './db.ts';

// The database behind a Ledger, for core/store/ and for tests that set up or inspect rows directly. Lint keeps every
// other file away from it: the rest of the core goes through the Ledger's repositories and `write(fn)`.
const databases = new WeakMap<object, Db>();

export function registerLedgerDb<L extends object>(ledger: L, db: Db): L {
  databases.set(ledger, db);
  return ledger;
}

export function ledgerDb(ledger: object): Db {
  const db = databases.get(ledger);
  if (!db) throw new Error('ledgerDb: this Ledger was not built by createLedger');
  return db;
}
