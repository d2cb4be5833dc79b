// docs/ARCHITECTURE.md matches the tree: every top-level folder of core/ is named in it (as `name/`), and every
// folder it names in its table of core/ exists.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const doc = readFileSync(path.join(ROOT, 'docs/ARCHITECTURE.md'), 'utf8');
const coreFolders = readdirSync(path.join(ROOT, 'core'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('docs/ARCHITECTURE.md', () => {
  it('names every top-level folder of core/', () => {
    expect(coreFolders.filter((name) => !doc.includes(`\`${name}/\``))).toEqual([]);
  });

  it('names no core/ folder that does not exist in its table', () => {
    const table = doc.slice(doc.indexOf('## The folders of `core/`'), doc.indexOf('## Where things go'));
    const named = [...table.matchAll(/^\| `([a-z-]+)\/`(?:, `([a-z-]+)\/`)?/gm)].flatMap((m) => [m[1], m[2]]).filter((n): n is string => !!n);
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((name) => !coreFolders.includes(name))).toEqual([]);
  });
});
