import { describe, expect, it } from 'vitest';
import type { MapEdge } from '../contract/map.ts';
import { mapDot, mapMermaid } from './map-export.ts';

const nodes = [
  { workflowId: 2, name: 'Leads – "Website" to CRM', vendor: 'n8n' },
  { workflowId: 1, name: 'Sales – Typeform <leads>', vendor: 'make' },
  { workflowId: 3, name: 'Newsletter', vendor: 'n8n' },
];
const edge = (kind: MapEdge['kind'], from: number, to: number, directed = true): MapEdge => ({ key: `${kind}:${from}->${to}`, from, to, kind, directed, evidence: null, manual: null });
const edges = [edge('sub-workflow', 2, 3), edge('webhook-call', 1, 2), edge('duplicate-trigger', 2, 3, false), edge('manual', 9, 1)];

describe('map export', () => {
  it('writes Mermaid grouped by vendor, edges labelled, names escaped, edges to unknown workflows left out', () => {
    expect(mapMermaid(nodes, edges)).toBe([
      'flowchart LR',
      '  subgraph make["make"]', '    w1["Sales – Typeform #lt;leads#gt;"]', '  end',
      '  subgraph n8n["n8n"]', '    w2["Leads – #quot;Website#quot; to CRM"]', '    w3["Newsletter"]', '  end',
      '  w2 -.-|"duplicate trigger"| w3',
      '  w2 -->|"runs as a step"| w3',
      '  w1 -->|"sends to its webhook"| w2',
      '',
    ].join('\n'));
  });

  it('writes DOT with clusters, and undirected links without arrows', () => {
    const dot = mapDot(nodes, edges);
    expect(dot).toContain('subgraph "cluster_n8n" {');
    expect(dot).toContain('w2 [label="Leads – \\"Website\\" to CRM"];');
    expect(dot).toContain('w2 -> w3 [label="duplicate trigger", dir=none, style=dashed];');
    expect(dot).toContain('w1 -> w2 [label="sends to its webhook"];');
    expect(dot).not.toContain('w9');
    expect(mapDot(nodes, [...edges].reverse())).toBe(dot);
  });
});
