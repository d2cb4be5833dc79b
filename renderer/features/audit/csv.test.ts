import { describe, expect, it } from 'vitest';
import { auditCsv } from './csv.ts';

/** An entry from before the audit named the person. */
const NO_ONE = { actorId: null, actorKind: null, via: null, address: null };

describe('audit CSV', () => {
  it('quotes fields with commas, quotes and newlines and keeps detail as JSON', () => {
    const csv = auditCsv([{ id: 1, at: Date.UTC(2026, 0, 2, 3, 4, 5), actor: 'alice', ...NO_ONE, action: 'incident.acknowledged', target: 'incident:1', detail: { note: 'a "b", c' } }]);
    expect(csv).toBe('at,actor,actor_id,actor_kind,via,address,action,target,detail\r\n2026-01-02T03:04:05.000Z,alice,,,,,incident.acknowledged,incident:1,"{""note"":""a \\""b\\"", c""}"\r\n');
  });

  it('writes empty cells for missing target and detail', () => {
    expect(auditCsv([{ id: 2, at: 0, actor: 'x', ...NO_ONE, action: 'y', target: null, detail: null }]).split('\r\n')[1]).toBe('1970-01-01T00:00:00.000Z,x,,,,,y,,');
  });

  it('says who, how and from where', () => {
    const row = auditCsv([{ id: 3, at: 0, actor: 'Alice', actorId: 'user:1', actorKind: 'user', via: 'browser', address: '192.0.2.4', action: 'incident.resolved', target: 'incident:2', detail: null }]).split('\r\n')[1];
    expect(row).toBe('1970-01-01T00:00:00.000Z,Alice,user:1,user,browser,192.0.2.4,incident.resolved,incident:2,');
  });
});
