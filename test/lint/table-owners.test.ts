// Each table has one writer: every INSERT, UPDATE and DELETE of a table sits in one file of core/store/, and the other
// repositories that change its rows call that file. docs/ARCHITECTURE.md states the rule; this test keeps it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const STORE = path.resolve(import.meta.dirname, '../../core/store');
const MIGRATIONS = path.join(STORE, 'migrations');

function tables(): Set<string> {
  const names = new Set<string>();
  for (const file of readdirSync(MIGRATIONS)) {
    const sql = readFileSync(path.join(MIGRATIONS, file), 'utf8');
    for (const m of sql.matchAll(/CREATE (?:VIRTUAL )?TABLE (?:IF NOT EXISTS )?([a-z_]+)/g)) names.add(m[1]!);
  }
  return names;
}

/** table → the core/store files whose SQL writes it. */
function writers(known: Set<string>): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const files = readdirSync(STORE).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  for (const file of files) {
    const source = readFileSync(path.join(STORE, file), 'utf8');
    for (const m of source.matchAll(/\b(?:INSERT(?: OR [A-Z]+)? INTO|REPLACE INTO|UPDATE|DELETE FROM)\s+([a-z_]+)/g)) {
      const table = m[1]!;
      if (!known.has(table)) continue;
      if (!found.has(table)) found.set(table, new Set());
      found.get(table)!.add(file);
    }
  }
  return found;
}

describe('one writer per table', () => {
  const known = tables();

  it('reads the tables from the migrations', () => {
    expect([...known]).toEqual(expect.arrayContaining(['runs', 'workflows', 'connectors', 'settings', 'audit_log']));
  });

  it('finds every write of runs, workflows, connectors and settings in exactly one file', () => {
    const found = writers(known);
    for (const table of ['runs', 'workflows', 'connectors', 'settings']) expect(found.get(table)?.size, table).toBe(1);
  });

  it('has no table written from two files', () => {
    const shared = [...writers(known)].filter(([, files]) => files.size > 1).map(([table, files]) => `${table}: ${[...files].sort().join(', ')}`);
    expect(shared).toEqual([]);
  });
});
