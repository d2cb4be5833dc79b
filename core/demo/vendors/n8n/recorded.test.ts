import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODE_ERROR, EXECUTION_DATA, NODE_ERROR, WEBHOOK_ITEM, WORKFLOW } from './recorded.ts';

type Json = Record<string, unknown>;
const fixture = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../../../../test/fakes/n8n/fixtures/${name}.json`, import.meta.url), 'utf8')) as Json;
const resultError = (run: Json) => ((run['data'] as Json)['resultData'] as Json)['error'];
const first = (name: string) => (fixture(name)['data'] as Json[])[0]!;

describe('the embedded n8n recordings', () => {
  it('equal the recorded fixture files', () => {
    expect(NODE_ERROR).toEqual(resultError(first('executions-list-error-includeData-stop-and-error')));
    expect(CODE_ERROR).toEqual(resultError(first('executions-list-error-includeData-code-node')));
    expect(EXECUTION_DATA).toEqual((fixture('execution-success-includeData')['data'] as Json)['executionData']);
    expect(WORKFLOW).toEqual(first('workflows-list'));
    const runData = ((first('executions-list-error-includeData-stop-and-error')['data'] as Json)['resultData'] as Json)['runData'] as Record<string, Json[]>;
    expect(WEBHOOK_ITEM).toEqual(((runData['Webhook']![0]!['data'] as Json)['main'] as unknown[][])[0]![0]);
  });
});
