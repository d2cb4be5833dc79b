import { describe, expect, it } from 'vitest';
import { normalise } from '../../ingest/normalize.ts';
import { IngestRecord } from '../../ingest/record.ts';
import {
  makeErrorMessage, makeFailingStep, mapMakeLog, mapMakeScenario, parseMakeRunId, scenarioLooksFailing, scenarioSignature,
  type MakeLog, type MakeScenario,
} from './mapper.ts';

// Shapes from docs/vendors.md M17 (the official SDK's types).
const log = (over: Partial<MakeLog> = {}): MakeLog => ({
  id: '8f3c2a1b9d4e4f6a8b7c6d5e4f3a2b1c', imtId: '1764072000000-000000042', status: 1, duration: 1834, operations: 6,
  centicredits: 600, transfer: 5120, organizationId: 501, teamId: 5010, type: 'auto', authorId: null, instant: false,
  timestamp: '2026-11-25T12:00:00.000Z', ...over,
});

const ctx = { zoneUrl: 'https://eu1.make.com', scenarioId: 4021, scenarioName: 'Sync CRM → Sheets', teamId: 5010 };

const scenario = (over: Partial<MakeScenario> = {}): MakeScenario => ({
  id: 4021, name: 'Sync CRM → Sheets', teamId: 5010, description: 'Nightly', folderId: 12, usedPackages: ['hubspotcrm', 'google-sheets'],
  scheduling: { type: 'indefinitely', interval: 900 }, isActive: true, isinvalid: false, isPaused: false,
  lastEdit: '2026-11-20T09:30:00.000Z', created: '2026-01-02T10:00:00.000Z', dlqCount: 0, operations: 1532, transfer: 99120, ...over,
});

describe('mapMakeLog', () => {
  it('maps a successful log: explicit status, raw number kept, finish = start + duration, operations as items', () => {
    const r = mapMakeLog(log(), ctx);
    expect(r).toEqual({
      externalId: '4021:8f3c2a1b9d4e4f6a8b7c6d5e4f3a2b1c',
      workflow: { externalId: '4021', name: 'Sync CRM → Sheets' },
      rawStatus: '1', status: 'success',
      startedAt: '2026-11-25T12:00:00.000Z', finishedAt: Date.parse('2026-11-25T12:00:00.000Z') + 1834, durationMs: 1834,
      errorMessage: null, failingStep: null, mode: 'auto',
      deepLink: 'https://eu1.make.com/5010/scenarios/4021/logs/8f3c2a1b9d4e4f6a8b7c6d5e4f3a2b1c',
      itemCount: 6,
      // Make's own figures for the run: exact (docs/vendors.md M20).
      usage: { units: 6, centicredits: 600, exact: true },
    });
    expect(IngestRecord.safeParse(r).success).toBe(true);
  });

  it('carries no usage while the run is in progress, and none without an operation count', () => {
    expect(mapMakeLog(log({ status: 0 }), ctx).usage).toBeNull();
    expect(mapMakeLog(log({ operations: null, centicredits: null }), ctx).usage).toBeNull();
    expect(mapMakeLog(log({ operations: 1, centicredits: null }), ctx).usage).toEqual({ units: 1, centicredits: null, exact: true });
  });

  it.each([[0, 'running'], [1, 'success'], [2, 'warning'], [3, 'failed'], [7, 'unknown']] as const)('status %i → %s', (status, expected) => {
    const r = mapMakeLog(log({ status }), ctx);
    expect(r.status).toBe(expected);
    expect(r.rawStatus).toBe(String(status));
    expect(normalise(IngestRecord.parse(r)).status).toBe(expected);
  });

  it.each([[1, 0], [0, 0], [2, 2], [6, 6], [null, null]] as const)('operations %s → %s items: one operation is the trigger check alone (docs/vendors.md M15)', (operations, items) => {
    expect(mapMakeLog(log({ operations, centicredits: 100, transfer: 0 }), ctx).itemCount).toBe(items);
  });

  it('leaves a run in progress open: no finish, no duration', () => {
    const r = mapMakeLog(log({ status: 0, duration: 0, operations: 0 }), ctx);
    expect(r).toMatchObject({ status: 'running', finishedAt: null, durationMs: null, itemCount: 0 });
  });

  it('takes the error text and failing module from the execution detail', () => {
    const detail = {
      status: 'ERROR',
      error: { name: 'DataError', message: 'Validation failed for 1 parameter(s).', causeModule: { name: 'Add a Row', appName: 'google-sheets' } },
    };
    const r = mapMakeLog(log({ status: 3 }), ctx, detail);
    expect(r).toMatchObject({
      status: 'failed', rawStatus: '3', errorMessage: 'DataError: Validation failed for 1 parameter(s).', failingStep: 'Add a Row (google-sheets)',
    });
    expect(normalise(IngestRecord.parse(r)).errorTemplate).toBe('DataError: Validation failed for <n> parameter(s).');
  });

  it('uses the scenario team when the log has none, and a placeholder name for an unnamed scenario', () => {
    const { teamId: _t, ...noTeam } = log();
    const r = mapMakeLog(noTeam, { ...ctx, scenarioName: '', teamId: 77 });
    expect(r.deepLink).toBe('https://eu1.make.com/77/scenarios/4021/logs/8f3c2a1b9d4e4f6a8b7c6d5e4f3a2b1c');
    expect(r.workflow.name).toBe('Scenario 4021');
  });

  it('strips an /api/v2 suffix from the zone URL in links', () => {
    expect(mapMakeLog(log(), { ...ctx, zoneUrl: 'https://us1.make.com/api/v2/' }).deepLink).toMatch(/^https:\/\/us1\.make\.com\/5010\//);
  });
});

describe('error helpers', () => {
  it('does not repeat the name already in the message, and copes with missing parts', () => {
    expect(makeErrorMessage({ error: { name: 'RuntimeError', message: 'RuntimeError: boom' } })).toBe('RuntimeError: boom');
    expect(makeErrorMessage({ error: { name: 'ConnectionError', message: '' } })).toBe('ConnectionError');
    expect(makeErrorMessage({ status: 'SUCCESS' })).toBeNull();
    expect(makeFailingStep({ error: { causeModule: { name: 'HTTP', appName: 'HTTP' } } })).toBe('HTTP');
    expect(makeFailingStep({ error: { message: 'x' } })).toBeNull();
  });

  it('parses run ids back into scenario and execution', () => {
    expect(parseMakeRunId('4021:abc')).toEqual({ scenarioId: 4021, executionId: 'abc' });
    expect(parseMakeRunId('abc')).toBeNull();
  });
});

describe('scenario signal and definition', () => {
  it('signals change through operations, incomplete executions and invalidity', () => {
    const before = scenarioSignature(scenario())!;
    expect(scenarioSignature(scenario({ operations: 1533 }))).not.toBe(before);
    expect(scenarioSignature(scenario({ dlqCount: 1 }))).not.toBe(before);
    expect(scenarioSignature(scenario({ isinvalid: true }))).not.toBe(before);
    expect(scenarioSignature(scenario({ isActive: false }))).toBe(before);
    const { operations: _o, dlqCount: _d, ...bare } = scenario();
    expect(scenarioSignature(bare)).toBeNull();
  });

  it('flags a scenario as failing when it turned invalid or has new incomplete executions', () => {
    const sig = scenarioSignature(scenario({ dlqCount: 2 }));
    expect(scenarioLooksFailing(scenario({ dlqCount: 2 }), sig)).toBe(false);
    expect(scenarioLooksFailing(scenario({ dlqCount: 3 }), sig)).toBe(true);
    expect(scenarioLooksFailing(scenario({ isinvalid: true }), sig)).toBe(true);
    expect(scenarioLooksFailing(scenario({ dlqCount: 0 }), undefined)).toBe(false);
  });

  it('maps a scenario and its blueprint to a workflow definition', () => {
    const blueprint = { code: 'OK', response: { blueprint: { name: 'Sync CRM → Sheets', flow: [{ id: 1, module: 'hubspotcrm:watchContacts', version: 2 }], metadata: { version: 1 } }, scheduling: { type: 'indefinitely', interval: 900 } } };
    const w = mapMakeScenario(scenario({ isPaused: true }), blueprint, 'https://eu1.make.com');
    expect(w).toMatchObject({
      externalId: '4021', name: 'Sync CRM → Sheets', active: false, archived: false,
      vendorVersionId: '2026-11-20T09:30:00.000Z', updatedAt: Date.parse('2026-11-20T09:30:00.000Z'), tags: [],
      deepLink: 'https://eu1.make.com/5010/scenarios/4021/edit',
    });
    expect(w.definition).toMatchObject({ blueprint: blueprint.response.blueprint, scenario: { id: 4021, folderId: 12, scheduling: { interval: 900 } } });
    expect(mapMakeScenario(scenario(), null, 'https://eu1.make.com')).toMatchObject({ active: true, definition: { blueprint: null } });
  });
});
