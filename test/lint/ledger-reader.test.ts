// A read path takes a LedgerReader: this proves the reader's repositories cannot write, and that the view holds nothing
// else (no `write`, no writer), so the type is not just a promise.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../core/store/db.ts';
import { createLedger, READ_REPOSITORIES, readerOf } from '../../core/store/ledger.ts';

const STORE = path.resolve(import.meta.dirname, '../../core/store');
const WRITES = /\b(?:INSERT(?: OR [A-Z]+)? INTO|REPLACE INTO|UPDATE|DELETE FROM)\s+[a-z_]+/;
/** Store modules that write, or build a module that does. */
const WRITERS = /from '\.\/(?:[a-z-]+-(?:writer|rows)|ledger-writer|settings-repo|connectors-repo)\.ts'/;

const FILES: Record<(typeof READ_REPOSITORIES)[number], string> = {
  runs: 'runs-repo.ts', workflows: 'workflows-repo.ts', monitoring: 'monitoring-repo.ts', errorSearch: 'error-search-repo.ts',
  auditSearch: 'audit-search-repo.ts', alertFacts: 'alert-facts-repo.ts', quarantine: 'quarantine-repo.ts',
};

describe('LedgerReader', () => {
  it('names a file for every reading repository', () => {
    expect(Object.keys(FILES).sort()).toEqual([...READ_REPOSITORIES].sort());
  });

  it.each(READ_REPOSITORIES.map((key) => [key, FILES[key]]))('%s (%s) holds no write and builds no writer', (_key, file) => {
    const source = readFileSync(path.join(STORE, file), 'utf8');
    expect(source).not.toMatch(WRITES);
    expect(source).not.toMatch(WRITERS);
  });

  it('exposes only the reading repositories, frozen', () => {
    const ledger = createLedger(openDatabase({ path: ':memory:' }));
    const reader = readerOf(ledger);
    expect(Object.keys(reader).sort()).toEqual([...READ_REPOSITORIES].sort());
    expect('write' in reader || 'writer' in reader || 'settings' in reader).toBe(false);
    expect(Object.isFrozen(reader)).toBe(true);
  });
});
