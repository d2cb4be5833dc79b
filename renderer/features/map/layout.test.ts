import { describe, expect, it } from 'vitest';
import { layoutMap, NODE_H, NODE_W } from './layout.ts';

describe('map layout', () => {
  it('places every workflow inside its group box, callers left of what they call, without overlaps', () => {
    const nodes = [
      { id: '1', group: 'n8n' }, { id: '2', group: 'n8n' }, { id: '3', group: 'n8n' }, { id: '4', group: 'make' }, { id: '5', group: 'make' },
    ];
    const { nodes: at, groups } = layoutMap(nodes, [{ from: '1', to: '2', directed: true }, { from: '2', to: '3', directed: true }, { from: '4', to: '1', directed: true }]);
    expect(groups.map((g) => g.group)).toEqual(['make', 'n8n']);
    expect(at.get('1')!.x).toBeLessThan(at.get('2')!.x);
    expect(at.get('2')!.x).toBeLessThan(at.get('3')!.x);
    for (const n of nodes) {
      const p = at.get(n.id)!;
      const box = groups.find((g) => g.group === n.group)!;
      expect(p.x).toBeGreaterThanOrEqual(box.x);
      expect(p.x + NODE_W).toBeLessThanOrEqual(box.x + box.width);
      expect(p.y + NODE_H).toBeLessThanOrEqual(box.y + box.height);
    }
    const overlaps = nodes.some((a) => nodes.some((b) => a !== b && Math.abs(at.get(a.id)!.x - at.get(b.id)!.x) < NODE_W && Math.abs(at.get(a.id)!.y - at.get(b.id)!.y) < NODE_H));
    expect(overlaps).toBe(false);
  });

  it('lays out 500 workflows and 1,000 edges quickly', () => {
    const nodes = Array.from({ length: 500 }, (_, i) => ({ id: String(i), group: `g${i % 5}` }));
    const edges = Array.from({ length: 1000 }, (_, i) => ({ from: String(i % 500), to: String((i * 7 + 5) % 500), directed: true }));
    const t = performance.now();
    const { nodes: at } = layoutMap(nodes, edges);
    expect(at.size).toBe(500);
    expect(performance.now() - t).toBeLessThan(5_000);
  });
});
