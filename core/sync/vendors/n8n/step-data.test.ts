import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { n8nStepData } from './step-data.ts';

type Json = Record<string, unknown>;
const fixture = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../../../../test/fakes/n8n/fixtures/${name}.json`, import.meta.url), 'utf8')) as Json;
const first = (name: string) => (fixture(name)['data'] as Json[])[0]!;

describe('n8n step data from an includeData execution (docs/vendors.md N5)', () => {
  it('takes the input from the node its source names', () => {
    const out = n8nStepData(first('executions-list-error-includeData-code-node'));
    expect(out).toMatchObject({ kind: 'n8n', node: { name: 'Maybe Throw', type: 'n8n-nodes-base.code' }, output: null });
    if (out.kind !== 'n8n') return;
    expect(out.input?.items).toEqual([expect.objectContaining({ body: { seq: 2, batch: '20261125T180617Z' } })]);
  });

  it('falls back to the node execution stack when runData lacks the previous node', () => {
    const e = structuredClone(first('executions-list-error-includeData-stop-and-error'));
    delete (((e['data'] as Json)['resultData'] as Json)['runData'] as Json)['Webhook'];
    const out = n8nStepData(e);
    expect(out.kind === 'n8n' && out.input?.items[0]).toMatchObject({ body: { seq: 4 } });
  });

  it('names binary parts instead of carrying them, and says when n8n kept no data', () => {
    const e = structuredClone(fixture('execution-success-includeData'));
    const set = (((e['data'] as Json)['resultData'] as Json)['runData'] as Record<string, Json[]>)['Set']![0]!;
    set['data'] = { main: [[{ json: { ok: true }, binary: { file: { data: 'AAAA', mimeType: 'image/png' } } }]] };
    const out = n8nStepData(e);
    expect(out.kind === 'n8n' && out.output?.items).toEqual([{ ok: true, '(binary)': ['file'] }]);
    expect(n8nStepData({ id: '1', status: 'error' })).toMatchObject({ kind: 'unavailable' });
  });
});
