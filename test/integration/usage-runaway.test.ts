import { describe, expect, it } from 'vitest';
import type { IngestRecord } from '../../core/sync/ingest/record.ts';
import { alertCore, incidents, type AlertCore } from './alerts-helpers.ts';

// The runaway-loop rule (issue #17 part 4): a workflow's use per hour against its usual busiest hour. Every instant
// is pinned; nothing depends on the real date or time of day.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TODAY = Date.UTC(2026, 10, 25);

let seq = 0;
/** One Make run of `wf` at `at` that cost `ops` operations (exact, as Make reports them). */
const makeRun = (wf: string, at: number, ops: number): IngestRecord => ({
  externalId: `${wf}:${++seq}`, workflow: { externalId: wf, name: wf === '4001' ? 'Sync orders' : 'New scenario' },
  rawStatus: '1', status: 'success', startedAt: at, finishedAt: at + 2000, durationMs: 2000,
  usage: { units: ops, centicredits: ops * 100, exact: true },
});

/** A week and a day of an office rhythm: 20 operations an hour from 9:00 to 17:00, 2 an hour otherwise. */
function usualWeek(c: AlertCore, wf = '4001'): void {
  const records: IngestRecord[] = [];
  for (let t = TODAY - 8 * DAY; t < TODAY; t += HOUR) {
    const hour = new Date(t).getUTCHours();
    records.push(makeRun(wf, t + 5 * 60_000, hour >= 9 && hour < 17 ? 20 : 2));
  }
  c.ingest({ connectorId: 'mk', cursor: null, records });
}

function core(): AlertCore {
  const c = alertCore();
  c.ledger.connectors.create({ id: 'mk', kind: 'make', name: 'Make EU' }, TODAY - 30 * DAY);
  return c;
}

const runaway = (c: AlertCore, rule: number) => incidents(c).filter((i) => i.ruleId === rule);

describe('usage: the runaway-loop rule', () => {
  it('does not fire on a busy but normal day (more than usual, far from a loop)', async () => {
    const c = core();
    usualWeek(c);
    const rule = await c.rule({ condition: { kind: 'usage_runaway', factor: 5, minUse: 50 } });
    // Today is busy: 55 operations an hour all morning, nearly three times the usual busiest hour (20).
    for (let h = 9; h < 12; h++) {
      c.clock.set(TODAY + h * HOUR + 5 * 60_000);
      c.ingest({ connectorId: 'mk', cursor: null, records: [makeRun('4001', c.clock.now(), 55)] });
      await c.step(TODAY + h * HOUR + 50 * 60_000);
    }
    expect(runaway(c, rule)).toEqual([]);
    c.close();
  });

  it('opens an incident on a simulated loop, names the workflow, and resolves once the loop has stopped', async () => {
    const c = core();
    usualWeek(c);
    const rule = await c.rule({ condition: { kind: 'usage_runaway', factor: 5, minUse: 50 } });
    c.clock.set(TODAY + 10 * HOUR);
    await c.step();
    expect(runaway(c, rule)).toEqual([]);
    // A loop: 300 runs of 2 operations between 10:00 and 10:30.
    const loop: IngestRecord[] = [];
    for (let i = 0; i < 300; i++) loop.push(makeRun('4001', TODAY + 10 * HOUR + i * 6000, 2));
    c.ingest({ connectorId: 'mk', cursor: null, records: loop });
    await c.step(TODAY + 10 * HOUR + 31 * 60_000);
    const open = runaway(c, rule);
    expect(open.map((i) => [i.status, i.target])).toEqual([['open', `workflow:${c.workflowId('4001')}`]]);
    expect(open[0]!.summary).toBe('Sync orders is using over 5× its usual busiest hour (20 operations): it may be running in a loop');
    expect(c.sent.map((m) => m.kind)).toEqual([]); // no channel on the rule: the incident is what counts here
    // The loop stopped at 10:30; two clock hours later neither the current nor the last hour holds it.
    await c.step(TODAY + 12 * HOUR + 10 * 60_000);
    expect(runaway(c, rule).map((i) => i.status)).toEqual(['resolved']);
    c.close();
  });

  it('does not judge a workflow without a few days of history, nor one under the least use', async () => {
    const c = core();
    usualWeek(c);
    const rule = await c.rule({ condition: { kind: 'usage_runaway', factor: 5, minUse: 1000 } });
    const burst: IngestRecord[] = [];
    for (let i = 0; i < 100; i++) burst.push(makeRun('4001', TODAY + 10 * HOUR + i * 1000, 5));
    for (let i = 0; i < 100; i++) burst.push(makeRun('4002', TODAY + 10 * HOUR + i * 1000, 5));
    c.ingest({ connectorId: 'mk', cursor: null, records: burst });
    // 500 operations: 25× the usual hour of 4001, but under the rule's least use of 1000; 4002 is new.
    await c.step(TODAY + 10 * HOUR + 20 * 60_000);
    expect(runaway(c, rule)).toEqual([]);
    const lower = await c.rule({ name: 'lower', condition: { kind: 'usage_runaway', factor: 5, minUse: 100 } });
    await c.step(TODAY + 10 * HOUR + 21 * 60_000);
    expect(runaway(c, lower).map((i) => i.target)).toEqual([`workflow:${c.workflowId('4001')}`]);
    c.close();
  });
});
