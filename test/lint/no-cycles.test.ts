// No two source files import each other, directly or round a loop (type-only imports count too).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles } from './cycles.ts';
import { buildImportGraph, relativeImports } from './import-graph.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('import graph', () => {
  it('has no cycle between files in core/, renderer/ and electron/', () => {
    const graph = buildImportGraph(ROOT, ['core', 'renderer', 'electron']);
    expect(graph.size).toBeGreaterThan(100);
    expect(findCycles(graph)).toEqual([]);
  }, 30_000);

  it('reads static imports and re-exports, type-only ones included, and skips packages and dynamic imports', () => {
    const text = [
      "import { a } from './a.ts';",
      "import type { B } from '../b.ts';",
      "export { c } from './c.tsx';",
      "export * from './d.ts';",
      "import { z } from 'zod';",
      "const later = () => import('./e.ts');",
    ].join('\n');
    expect(relativeImports('x.ts', text)).toEqual(['./a.ts', '../b.ts', './c.tsx', './d.ts']);
  });

  it('reports each cycle as one loop', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts', 'd.ts']], ['d.ts', []], ['e.ts', ['e.ts']],
    ]);
    expect(findCycles(graph)).toEqual(['a.ts -> b.ts -> c.ts -> a.ts', 'e.ts -> e.ts']);
  });
});
