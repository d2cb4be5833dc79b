import dagre from '@dagrejs/dagre';

/**
 * The map's layout (issue 19): each group (a vendor, or a tag) is laid out by dagre on its own, left to right along
 * its directed edges, and the groups are placed in rows. Pure; no hand-rolled graph layout.
 */
export interface LayoutNode { id: string; group: string }
export interface LayoutEdge { from: string; to: string; directed: boolean }
export interface Placed { x: number; y: number }
export interface GroupBox { group: string; x: number; y: number; width: number; height: number }
export interface Layout { nodes: Map<string, Placed>; groups: GroupBox[] }

export const NODE_W = 200;
export const NODE_H = 46;
const PAD = 28;
const HEADER = 30;
const GAP = 48;

export function layoutMap(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Layout {
  const byGroup = new Map<string, LayoutNode[]>();
  for (const n of nodes) byGroup.set(n.group, [...(byGroup.get(n.group) ?? []), n]);
  const groupOf = new Map(nodes.map((n) => [n.id, n.group]));
  const placed = new Map<string, Placed>();
  const boxes: GroupBox[] = [];
  const laid: { group: string; members: LayoutNode[]; at: Map<string, Placed>; width: number; height: number }[] = [];
  for (const [group, members] of [...byGroup].sort(([a], [b]) => a.localeCompare(b))) {
    const g = new dagre.graphlib.Graph();
    g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 60, marginx: 0, marginy: 0 });
    g.setDefaultEdgeLabel(() => ({}));
    for (const n of members) g.setNode(n.id, { width: NODE_W, height: NODE_H });
    for (const e of edges) if (e.directed && groupOf.get(e.from) === group && groupOf.get(e.to) === group && e.from !== e.to) g.setEdge(e.from, e.to);
    // Workflows without an edge in their group would form one tall column: dagre stacks them; wrap them into a grid instead.
    const linked = new Set(g.edges().flatMap((e) => [e.v, e.w]));
    const loose = members.filter((n) => !linked.has(n.id));
    for (const n of loose) g.removeNode(n.id);
    dagre.layout(g);
    let w = 0;
    let h = 0;
    for (const id of g.nodes()) {
      const p = g.node(id);
      w = Math.max(w, p.x + NODE_W / 2);
      h = Math.max(h, p.y + NODE_H / 2);
    }
    const cols = Math.max(1, Math.min(loose.length, Math.ceil(Math.sqrt(loose.length * 2))));
    const gridTop = h > 0 ? h + 24 : 0;
    loose.forEach((n, i) => {
      const x = (i % cols) * (NODE_W + 18);
      const y = gridTop + Math.floor(i / cols) * (NODE_H + 18);
      g.setNode(n.id, { x: x + NODE_W / 2, y: y + NODE_H / 2, width: NODE_W, height: NODE_H });
      w = Math.max(w, x + NODE_W);
      h = Math.max(h, y + NODE_H);
    });
    const at = new Map(members.map((n) => [n.id, { x: g.node(n.id).x, y: g.node(n.id).y }]));
    laid.push({ group, members, at, width: w + 2 * PAD, height: h + 2 * PAD + HEADER });
  }
  // Rows about as wide as the whole is tall, so the map fits a screen rather than a strip.
  const area = laid.reduce((sum, l) => sum + (l.width + GAP) * (l.height + GAP), 0);
  const rowWidth = Math.max(...laid.map((l) => l.width), Math.sqrt(area) * 1.5);
  let cx = 0;
  let cy = 0;
  let rowH = 0;
  for (const { group, members, at, width, height } of laid) {
    if (cx > 0 && cx + width > rowWidth) {
      cx = 0;
      cy += rowH + GAP;
      rowH = 0;
    }
    boxes.push({ group, x: cx, y: cy, width, height });
    for (const n of members) {
      const p = at.get(n.id)!;
      placed.set(n.id, { x: cx + PAD + p.x - NODE_W / 2, y: cy + PAD + HEADER + p.y - NODE_H / 2 });
    }
    cx += width + GAP;
    rowH = Math.max(rowH, height);
  }
  return { nodes: placed, groups: boxes };
}
