import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalise } from '../../ingest/normalize.ts';
import { IngestRecord } from '../../ingest/record.ts';
import { errorDetail, instanceUrl, listItems, mapExecution, mapExecutionPage, mapWorkflow, n8nStatus, type N8nMapContext } from './mapper.ts';

// Real n8n 2.41.1 responses (copied from the shared recording into the fake's fixtures).
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../../test/fakes/n8n/fixtures/${name}.json`, import.meta.url), 'utf8'));

const BASE = 'https://n8n.example.com';
const names = new Map([
  ['oZ1cdtpvD2De1Bes', 'peer-flaky (fails ~50%)'],
  ['0GzFc6SwNlpYnPQW', 'peer-fail (always fails)'],
  ['UEfnlf7l2SUWHApb', 'peer-ok (always succeeds)'],
]);
const ctx: N8nMapContext = { baseUrl: BASE, workflowNames: names };
const noNames: N8nMapContext = { baseUrl: `${BASE}/`, workflowNames: new Map() };

/** Validates like ingest does and returns the stored shape. */
function stored(record: unknown) {
  return normalise(IngestRecord.parse(record));
}

describe('n8n mapper on the recorded fixtures', () => {
  it('maps executions-list-page1 (two successes and a list-only error) with names from the lookup map', () => {
    const records = mapExecutionPage(fixture('executions-list-page1'), ctx);
    expect(records.map((r) => [r.externalId, r.rawStatus, r.status])).toEqual([
      ['59', 'success', 'success'], ['58', 'success', 'success'], ['57', 'error', 'failed'],
    ]);
    const first = stored(records[0]);
    expect(first).toMatchObject({
      externalId: '59', workflowExternalId: 'oZ1cdtpvD2De1Bes', workflowName: 'peer-flaky (fails ~50%)',
      status: 'success', rawStatus: 'success', mode: 'webhook',
      startedAt: Date.parse('2026-11-25T18:06:18.097Z'), finishedAt: Date.parse('2026-11-25T18:06:18.156Z'), durationMs: 59,
      errorMessage: null, failingStep: null, retryOf: null, retrySuccessId: null,
      deepLink: 'https://n8n.example.com/workflow/oZ1cdtpvD2De1Bes/executions/59',
    });
    // Without includeData an error run has no details yet: status failed, no message, no failing node.
    expect(stored(records[2])).toMatchObject({ status: 'failed', rawStatus: 'error', errorMessage: null, failingStep: null, durationMs: 14 });
  });

  it('maps executions-list-page2 (three errors across two workflows)', () => {
    const records = mapExecutionPage(fixture('executions-list-page2'), ctx).map(stored);
    expect(records.map((r) => [r.externalId, r.status, r.workflowName, r.durationMs])).toEqual([
      ['56', 'failed', 'peer-flaky (fails ~50%)', 72],
      ['55', 'failed', 'peer-fail (always fails)', 12],
      ['54', 'failed', 'peer-fail (always fails)', 56],
    ]);
    expect(records[2]!.deepLink).toBe('https://n8n.example.com/workflow/0GzFc6SwNlpYnPQW/executions/54');
  });

  it('maps a Stop and Error failure with its message and failing node (error.node.name)', () => {
    const [record] = mapExecutionPage(fixture('executions-list-error-includeData-stop-and-error'), noNames);
    expect(stored(record)).toMatchObject({
      externalId: '55', workflowExternalId: '0GzFc6SwNlpYnPQW', workflowName: 'peer-fail (always fails)',
      status: 'failed', rawStatus: 'error', mode: 'webhook',
      startedAt: Date.parse('2026-11-25T18:06:17.804Z'), finishedAt: Date.parse('2026-11-25T18:06:17.816Z'), durationMs: 12,
      errorMessage: 'peer-fail: deliberate failure for acceptance tests', failingStep: 'Stop and Error',
      deepLink: 'https://n8n.example.com/workflow/0GzFc6SwNlpYnPQW/executions/55',
    });
  });

  it('maps a Code node failure: no error.node, so the failing node is lastNodeExecuted; the [line N] stays', () => {
    const body = fixture('executions-list-error-includeData-code-node');
    const item = listItems(body)![0] as { data: { resultData: { error: Record<string, unknown> } } };
    expect(item.data.resultData.error['node']).toBeUndefined();
    const [record] = mapExecutionPage(body, noNames);
    expect(stored(record)).toMatchObject({
      externalId: '57', workflowName: 'peer-flaky (fails ~50%)', status: 'failed', rawStatus: 'error',
      startedAt: Date.parse('2026-11-25T18:06:17.973Z'), finishedAt: Date.parse('2026-11-25T18:06:17.987Z'), durationMs: 14,
      errorMessage: 'peer-flaky: random failure (r=0.017) [line 3]', failingStep: 'Maybe Throw',
      deepLink: 'https://n8n.example.com/workflow/oZ1cdtpvD2De1Bes/executions/57',
    });
    // The error group ignores the volatile number but keeps the line.
    expect(stored(record).errorTemplate).toBe('peer-flaky: random failure (r=<n>) [line <n>]');
  });

  it('maps GET /executions/{id} without data (name from the map) and with data (name from workflowData)', () => {
    const plain = stored(mapExecution(fixture('execution-success'), ctx));
    const full = stored(mapExecution(fixture('execution-success-includeData'), noNames));
    for (const r of [plain, full]) {
      expect(r).toMatchObject({
        externalId: '51', workflowExternalId: 'UEfnlf7l2SUWHApb', workflowName: 'peer-ok (always succeeds)',
        status: 'success', startedAt: Date.parse('2026-11-25T18:06:17.520Z'), finishedAt: Date.parse('2026-11-25T18:06:17.537Z'),
        durationMs: 17, errorMessage: null, failingStep: null, mode: 'webhook',
        deepLink: 'https://n8n.example.com/workflow/UEfnlf7l2SUWHApb/executions/51',
      });
    }
    // A success has a lastNodeExecuted ("Set") but no failing step.
    expect(errorDetail(fixture('execution-success-includeData'))).toEqual({ message: null, failingStep: null });
  });

  it('maps workflows-list items to definitions with the full JSON kept', () => {
    const body = fixture('workflows-list') as { data: unknown[] };
    const wf = mapWorkflow(body.data[0], `${BASE}/api/v1/`);
    expect(wf).toMatchObject({
      externalId: '0GzFc6SwNlpYnPQW', name: 'peer-fail (always fails)', active: true, archived: false,
      vendorVersionId: '5d45fe2c-db04-4a44-9258-03ac0735c876', updatedAt: Date.parse('2026-11-25T17:58:53.162Z'),
      tags: [], deepLink: 'https://n8n.example.com/workflow/0GzFc6SwNlpYnPQW',
    });
    expect(wf.definition).toBe(body.data[0]);
  });

  it('maps the 401 body to nothing: it is not a list', () => {
    expect(listItems(fixture('error-401'))).toBeNull();
    expect(() => mapExecutionPage(fixture('error-401'), ctx)).toThrow(/Not an n8n executions page/);
  });
});

describe('n8n mapper edge cases', () => {
  it('normalises every status in the API enum (and the older "failed")', () => {
    const words = ['new', 'running', 'waiting', 'success', 'error', 'crashed', 'failed', 'canceled', 'unknown', 'something-new'];
    expect(words.map(n8nStatus)).toEqual(['queued', 'running', 'waiting', 'success', 'failed', 'failed', 'failed', 'canceled', 'unknown', 'unknown']);
  });

  it('accepts numeric ids, keeps retry links as text and derives a status on builds without one', () => {
    const r = mapExecution({ id: 1000, workflowId: 7, finished: true, retryOf: 998, retrySuccessId: null, mode: 'retry', startedAt: '2026-11-25T10:00:00.000Z', stoppedAt: '2026-11-25T10:00:01.000Z' }, ctx);
    expect(r).toMatchObject({ externalId: '1000', workflow: { externalId: '7', name: 'n8n workflow 7' }, rawStatus: 'success', status: 'success', retryOf: '998', mode: 'retry' });
    expect(mapExecution({ id: '5', workflowId: 'w', finished: false, stoppedAt: null, startedAt: '2026-11-25T10:00:00Z' }, ctx).status).toBe('running');
    expect(mapExecution({ id: '6', workflowId: 'w', finished: false, waitTill: '2026-11-26T00:00:00Z', stoppedAt: null }, ctx).status).toBe('waiting');
  });

  it('a running execution has no finish time; ingest accepts it', () => {
    const r = mapExecution({ id: '60', workflowId: 'oZ1cdtpvD2De1Bes', status: 'running', finished: false, startedAt: '2026-11-25T18:06:19.000Z', stoppedAt: null, mode: 'trigger' }, ctx);
    expect(stored(r)).toMatchObject({ status: 'running', finishedAt: null, durationMs: null, failingStep: null });
  });

  it('an item without an id maps to a record that ingest rejects (quarantine), not to a throw', () => {
    const r = mapExecution({ status: 'success' }, ctx);
    expect(IngestRecord.safeParse(r).success).toBe(false);
  });

  it('cleans the instance address the user typed', () => {
    expect(instanceUrl(' https://n8n.example.com/api/v1/ ')).toBe('https://n8n.example.com');
    expect(instanceUrl('https://example.com/n8n/')).toBe('https://example.com/n8n');
  });
});
