import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { systemActor, type AuditActor } from '../contract/actor.ts';
import { AuditRepo } from './audit-repo.ts';
import { AuditSearchRepo } from './audit-search-repo.ts';
import { openDatabase } from './db.ts';
import { loadMigrations, migrate } from './migrate.ts';

const alice: AuditActor = { actor: 'Alice', actorId: 'user:1', actorKind: 'user', via: 'browser', address: '192.0.2.10' };
const wall: AuditActor = { actor: 'wall', actorId: 'token:wall', actorKind: 'token', via: 'api', address: '192.0.2.20' };

describe('the audit log names the person', () => {
  it('keeps who, how and from where with every entry, and reads them back', () => {
    const db = openDatabase({ path: ':memory:' });
    const audit = new AuditRepo(db);
    audit.append({ ...alice, action: 'incident.acknowledged', target: 'incident:7', detail: { detail: 'Acknowledged' } }, 1_000);
    audit.append({ ...systemActor('alert engine'), action: 'incident.opened', target: 'incident:8' }, 2_000);
    expect(audit.list(undefined, 10)).toEqual([
      { id: 2, at: 2_000, actor: 'alert engine', actorId: 'system', actorKind: 'system', via: null, address: null, action: 'incident.opened', target: 'incident:8', detail: null },
      { id: 1, at: 1_000, ...alice, action: 'incident.acknowledged', target: 'incident:7', detail: { detail: 'Acknowledged' } },
    ]);
    db.close();
  });

  it('filters by person, and lists everyone who appears with their latest name, newest first', () => {
    const db = openDatabase({ path: ':memory:' });
    const audit = new AuditRepo(db);
    const search = new AuditSearchRepo(db);
    audit.append({ ...alice, action: 'rule.created', target: 'rule:1' }, 1_000);
    audit.append({ ...wall, action: 'runs/retry-run', target: 'run:3' }, 2_000);
    // Alice renamed herself: the list shows her newest name; her entries keep the name they were made under.
    audit.append({ ...alice, actor: 'Alice Martin', action: 'incident.resolved', target: 'incident:2' }, 3_000);
    // An entry without an id (a failed sign-in) is not a person to filter by.
    audit.append({ actor: 'unknown', actorId: null, actorKind: null, via: 'browser', address: '198.51.100.9', action: 'serve/sign-in-failed' }, 4_000);

    expect(search.search({ actorId: 'user:1', limit: 10 }).map((e) => [e.actor, e.action])).toEqual([
      ['Alice Martin', 'incident.resolved'], ['Alice', 'rule.created'],
    ]);
    expect(search.search({ actorId: 'user:1', beforeId: 3, limit: 10 }).map((e) => e.id)).toEqual([1]);
    expect(search.search({ actorId: 'token:nobody', limit: 10 })).toEqual([]);
    expect(search.actors()).toEqual([
      { actorId: 'user:1', actor: 'Alice Martin', actorKind: 'user', lastAt: 3_000, entries: 2 },
      { actorId: 'token:wall', actor: 'wall', actorKind: 'token', lastAt: 2_000, entries: 1 },
    ]);
    db.close();
  });

  it('refuses a kind or a way in it does not know, and stays append-only for the new columns', () => {
    const db = openDatabase({ path: ':memory:' });
    const audit = new AuditRepo(db);
    expect(() => audit.append({ ...alice, actorKind: 'robot' as never, action: 'x' }, 1)).toThrow(/CHECK/);
    expect(() => audit.append({ ...alice, via: 'fax' as never, action: 'x' }, 1)).toThrow(/CHECK/);
    audit.append({ ...alice, action: 'x' }, 1);
    expect(() => db.prepare('UPDATE audit_log SET actor_id = ?').run('user:2')).toThrow(/append-only/);
    db.close();
  });

  it('keeps the entries written before migration 0013, with no person on them', () => {
    const db = new Database(':memory:');
    const all = loadMigrations();
    const before = all.findIndex((m) => m.name === 'audit_actor');
    migrate(db, all.slice(0, before), () => 1);
    db.prepare(`INSERT INTO audit_log (at, actor, action, target) VALUES (5, 'ann', 'connectors/add-connector', 'connector:c1')`).run();
    migrate(db, all, () => 2);
    expect(new AuditRepo(db).list(undefined, 10)).toEqual([
      { id: 1, at: 5, actor: 'ann', actorId: null, actorKind: null, via: null, address: null, action: 'connectors/add-connector', target: 'connector:c1', detail: null },
    ]);
    expect(new AuditSearchRepo(db).actors()).toEqual([]);
    db.close();
  });
});
