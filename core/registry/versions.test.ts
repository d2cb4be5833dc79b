import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalDefinition, contentHash, stableStringify } from './canonical.ts';
import { structuredDiff, summarize } from './diff.ts';

// A recorded n8n 2.41 workflow (GET /workflows list item).
const recorded = (JSON.parse(readFileSync(new URL('../../test/fakes/n8n/fixtures/workflows-list.json', import.meta.url), 'utf8')) as { data: Record<string, unknown>[] }).data[0]!;
const clone = <T>(v: T): T => structuredClone(v);
type Node = { name: string; position: number[]; id: string; parameters: Record<string, unknown> };

describe('canonical form and content hash', () => {
  it('ignores updatedAt, versionId, node positions and ids, pinData, staticData, meta and key order', () => {
    const moved = clone(recorded);
    moved['updatedAt'] = '2027-01-01T00:00:00.000Z';
    moved['versionId'] = 'another-version';
    moved['pinData'] = { Webhook: [{ json: { a: 1 } }] };
    moved['staticData'] = { lastId: 9 };
    moved['meta'] = { templateCredsSetupCompleted: true };
    for (const n of moved['nodes'] as Node[]) {
      n.position = [n.position[0]! + 300, n.position[1]! - 40];
      n.id = `${n.id}-x`;
    }
    const reordered = Object.fromEntries(Object.entries(moved).reverse());
    expect(contentHash(reordered)).toBe(contentHash(recorded));
  });

  it('changes with a parameter, and the structured diff names the node and the parameter', () => {
    const edited = clone(recorded);
    (edited['nodes'] as Node[]).find((n) => n.name === 'Webhook')!.parameters['path'] = 'peer-fail-v2';
    expect(contentHash(edited)).not.toBe(contentHash(recorded));
    const d = structuredDiff(recorded, edited);
    expect(d.stepsChanged).toEqual([{ step: 'Webhook', parameters: [{ path: 'path', kind: 'changed', before: 'peer-fail', after: 'peer-fail-v2' }], fields: [] }]);
    expect(d.stepsAdded).toEqual([]);
    expect(d.identical).toBe(false);
    expect(summarize(d)).toEqual(['Step changed: Webhook (path)']);
  });

  it('reports steps added and removed, connections and a removed error workflow', () => {
    const before = clone(recorded);
    (before['settings'] as Record<string, unknown>)['errorWorkflow'] = 'err-1';
    const after = clone(before);
    delete (after['settings'] as Record<string, unknown>)['errorWorkflow'];
    (after['nodes'] as Node[]).push({ name: 'Slack', id: 'n3', position: [440, 0], parameters: { text: 'hi' }, type: 'n8n-nodes-base.slack' } as unknown as Node);
    after['nodes'] = (after['nodes'] as Node[]).filter((n) => n.name !== 'Stop and Error');
    after['connections'] = { Webhook: { main: [[{ node: 'Slack', type: 'main', index: 0 }]] } };
    const d = structuredDiff(before, after);
    expect(d.stepsAdded).toEqual(['Slack']);
    expect(d.stepsRemoved).toEqual(['Stop and Error']);
    expect(d.connectionsAdded).toEqual(['Webhook → Slack (main 0→0)']);
    expect(d.connectionsRemoved).toEqual(['Webhook → Stop and Error (main 0→0)']);
    expect(d.settingsChanged).toEqual([{ path: 'errorWorkflow', kind: 'removed', before: 'err-1', after: null }]);
  });

  it('keeps Make module positions (designer) out and a GitHub YAML text as text', () => {
    const bp = (x: number) => ({ name: 'S', flow: [{ id: 1, module: 'http:ActionSendData', mapper: { url: 'https://a' }, metadata: { designer: { x, y: 0 } } }] });
    expect(contentHash(bp(0))).toBe(contentHash(bp(300)));
    expect(canonicalDefinition('on: push\r\njobs: {}\r\n')).toBe('on: push\njobs: {}\n');
    expect(stableStringify({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
  });
});
