import { describe, expect, it } from 'vitest';
import { auditCsv } from './csv.ts';

describe('audit CSV', () => {
  it('quotes fields with commas, quotes and newlines and keeps detail as JSON', () => {
    const csv = auditCsv([{ id: 1, at: Date.UTC(2026, 0, 2, 3, 4, 5), actor: 'alice', action: 'incident.acknowledged', target: 'incident:1', detail: { note: 'a "b", c' } }]);
    expect(csv).toBe('at,actor,action,target,detail\r\n2026-01-02T03:04:05.000Z,alice,incident.acknowledged,incident:1,"{""note"":""a \\""b\\"", c""}"\r\n');
  });

  it('writes empty cells for missing target and detail', () => {
    expect(auditCsv([{ id: 2, at: 0, actor: 'x', action: 'y', target: null, detail: null }]).split('\r\n')[1]).toBe('1970-01-01T00:00:00.000Z,x,y,,');
  });
});
