import { EDGE_KIND_LABELS, type MapEdge } from '../contract/map.ts';

/**
 * The system map as text (issue 19), for the registry's export folder so it lives in git with the definitions:
 * Mermaid (`map.mmd`, drawn by GitHub and most wikis) and Graphviz DOT (`map.dot`). Pure and byte-stable: workflows
 * and edges in a fixed order, grouped by vendor.
 */
export interface MapTextNode { workflowId: number; name: string; vendor: string }

const mermaidText = (s: string) => s.replace(/"/g, '#quot;').replace(/[<>]/g, (c) => (c === '<' ? '#lt;' : '#gt;'));
const dotText = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

function sorted(nodes: readonly MapTextNode[], edges: readonly MapEdge[]) {
  const ids = new Set(nodes.map((n) => n.workflowId));
  const byVendor = new Map<string, MapTextNode[]>();
  for (const n of [...nodes].sort((a, b) => a.workflowId - b.workflowId)) byVendor.set(n.vendor, [...(byVendor.get(n.vendor) ?? []), n]);
  return {
    groups: [...byVendor].sort(([a], [b]) => (a < b ? -1 : 1)),
    edges: edges.filter((e) => ids.has(e.from) && ids.has(e.to)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };
}

export function mapMermaid(nodes: readonly MapTextNode[], edges: readonly MapEdge[]): string {
  const { groups, edges: es } = sorted(nodes, edges);
  const out = ['flowchart LR'];
  for (const [vendor, members] of groups) {
    out.push(`  subgraph ${vendor.replace(/\W/g, '_')}["${mermaidText(vendor)}"]`);
    for (const n of members) out.push(`    w${n.workflowId}["${mermaidText(n.name)}"]`);
    out.push('  end');
  }
  for (const e of es) out.push(`  w${e.from} ${e.directed ? '-->' : '-.-'}|"${mermaidText(EDGE_KIND_LABELS[e.kind])}"| w${e.to}`);
  return `${out.join('\n')}\n`;
}

export function mapDot(nodes: readonly MapTextNode[], edges: readonly MapEdge[]): string {
  const { groups, edges: es } = sorted(nodes, edges);
  const out = ['digraph flowdeck {', '  rankdir=LR;', '  node [shape=box, style=rounded];'];
  for (const [vendor, members] of groups) {
    out.push(`  subgraph "cluster_${dotText(vendor)}" {`, `    label="${dotText(vendor)}";`);
    for (const n of members) out.push(`    w${n.workflowId} [label="${dotText(n.name)}"];`);
    out.push('  }');
  }
  for (const e of es) out.push(`  w${e.from} -> w${e.to} [label="${dotText(EDGE_KIND_LABELS[e.kind])}"${e.directed ? '' : ', dir=none, style=dashed'}];`);
  out.push('}');
  return `${out.join('\n')}\n`;
}
