import { describe, expect, it } from 'vitest';
import { apRunStatus, mapFlow, mapRun, needsDetail, stepError, type ApMapContext } from './mapper.ts';

const ctx: ApMapContext = { instanceUrl: 'https://ap.example.test', projectId: 'proj01', flowNames: new Map([['flow1', 'Orders (current name)']]) };

const run = (over: Record<string, unknown> = {}) => ({
  id: 'run1', created: '2026-03-02T11:00:00.000Z', flowId: 'flow2', flowVersion: { displayName: 'Invoices' }, status: 'SUCCEEDED',
  startTime: '2026-03-02T11:00:00.100Z', finishTime: '2026-03-02T11:00:01.600Z', steps: null, ...over,
});

describe('Activepieces status words (docs/vendors.md A5)', () => {
  it('maps every documented word and keeps unknown ones unknown', () => {
    const table: [string, string][] = [
      ['QUEUED', 'queued'], ['RUNNING', 'running'], ['PAUSED', 'waiting'], ['SUCCEEDED', 'success'], ['STOPPED', 'success'],
      ['FAILED', 'failed'], ['INTERNAL_ERROR', 'failed'], ['TIMEOUT', 'failed'], ['QUOTA_EXCEEDED', 'failed'],
      ['MEMORY_LIMIT_EXCEEDED', 'failed'], ['LOG_SIZE_EXCEEDED', 'failed'], ['CANCELED', 'canceled'], ['succeeded', 'success'], ['EXPLODED', 'unknown'],
    ];
    for (const [word, status] of table) expect(apRunStatus(word), word).toBe(status);
    expect(needsDetail('FAILED')).toBe(true);
    expect(needsDetail('TIMEOUT')).toBe(false);
  });
});

describe('mapRun', () => {
  it('keeps the raw word, prefers the flow list name, links to the run', () => {
    expect(mapRun(run({ flowId: 'flow1' }), ctx)).toEqual({
      externalId: 'run1', workflow: { externalId: 'flow1', name: 'Orders (current name)' }, rawStatus: 'SUCCEEDED', status: 'success',
      startedAt: '2026-03-02T11:00:00.100Z', finishedAt: '2026-03-02T11:00:01.600Z', errorMessage: null, failingStep: null,
      deepLink: 'https://ap.example.test/projects/proj01/runs/run1',
    });
    expect(mapRun(run(), ctx).workflow).toEqual({ externalId: 'flow2', name: 'Invoices' });
  });

  it('a queued run without startTime counts from its creation (A6)', () => {
    const r = mapRun(run({ status: 'QUEUED', startTime: undefined, finishTime: undefined }), ctx);
    expect(r).toMatchObject({ status: 'queued', startedAt: '2026-03-02T11:00:00.000Z', finishedAt: null });
  });

  it('a FAILED run from the list waits for its steps; fetched with them it carries the step error', () => {
    const failed = run({ status: 'FAILED', failedStep: { name: 'step_2', displayName: 'Send to Sheets' } });
    expect(mapRun(failed, ctx)).toMatchObject({ status: 'failed', errorMessage: null, failingStep: 'Send to Sheets' });
    const detailed = { ...failed, steps: { trigger: { status: 'SUCCEEDED' }, step_2: { status: 'FAILED', errorMessage: { message: 'Sheet not found' } } } };
    expect(mapRun(detailed, ctx, true)).toMatchObject({ errorMessage: 'Sheet not found', failingStep: 'Send to Sheets' });
    expect(mapRun({ ...failed, steps: null }, ctx, true).errorMessage).toBe('Activepieces reported the run as FAILED at Send to Sheets.');
  });

  it('reads the legacy names (flowDisplayName, failedStepName)', () => {
    const legacy = { id: 'r9', created: '2026-03-02T11:00:00Z', flowId: 'flow9', flowDisplayName: 'Old name', status: 'FAILED', failedStepName: 'code_1',
      steps: { code_1: { status: 'FAILED', errorMessage: 'TypeError: x is undefined' } } };
    expect(mapRun(legacy, ctx, true)).toMatchObject({ workflow: { name: 'Old name' }, failingStep: 'code_1', errorMessage: 'TypeError: x is undefined' });
  });

  it('a failure word that explains itself says so at once', () => {
    expect(mapRun(run({ status: 'TIMEOUT' }), ctx).errorMessage).toMatch(/flow time limit/);
    expect(mapRun(run({ status: 'QUOTA_EXCEEDED' }), ctx).errorMessage).toMatch(/task quota/);
  });
});

describe('stepError', () => {
  it('finds the failed step inside a loop, or the first failed step when none is named', () => {
    const steps = { loop_1: { status: 'SUCCEEDED', output: { iterations: [{ http_1: { status: 'SUCCEEDED' } }, { http_1: { status: 'FAILED', errorMessage: '502 Bad Gateway' } }] } } };
    expect(stepError({ failedStepName: 'http_1', steps })).toBe('502 Bad Gateway');
    expect(stepError({ steps: { a: { status: 'FAILED', errorMessage: { code: 42 } } } })).toBe('{"code":42}');
    expect(stepError({ steps: null })).toBeNull();
  });
});

describe('mapFlow (A7)', () => {
  it('names, state and a definition that does not move when the flow is switched', () => {
    const flow = { id: 'flow1', status: 'ENABLED', updated: '2026-03-01T00:00:00Z', projectId: 'proj01', version: { id: 'v1', displayName: 'Orders', updated: '2026-02-01T00:00:00Z' } };
    const w = mapFlow(flow, ctx);
    expect(w).toMatchObject({ externalId: 'flow1', name: 'Orders', active: true, archived: false, vendorVersionId: 'v1', updatedAt: Date.parse('2026-02-01T00:00:00Z'),
      deepLink: 'https://ap.example.test/projects/proj01/flows/flow1' });
    expect(mapFlow({ ...flow, status: 'DISABLED', updated: '2026-03-02T00:00:00Z' }, ctx).definition).toEqual(w.definition);
    expect(mapFlow({ ...flow, status: 'DISABLED' }, ctx).active).toBe(false);
  });
});
