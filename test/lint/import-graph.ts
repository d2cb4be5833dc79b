// The static import graph of the app's source: which file imports which, by relative path.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export type ImportGraph = Map<string, string[]>;

const SOURCE = /\.tsx?$/;

function sourceFiles(root: string, dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(root, rel);
    return SOURCE.test(e.name) && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** Relative `.ts`/`.tsx` specifiers of a file's top-level `import … from` / `export … from` (type-only ones too). */
export function relativeImports(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
    const spec = statement.moduleSpecifier;
    if (spec && ts.isStringLiteral(spec) && spec.text.startsWith('.') && SOURCE.test(spec.text)) specifiers.push(spec.text);
  }
  return specifiers;
}

/** Every source file under `dirs` (repo-relative, posix) mapped to the files it imports. */
export function buildImportGraph(root: string, dirs: readonly string[]): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of dirs.flatMap((d) => sourceFiles(root, d))) {
    const text = readFileSync(path.join(root, file), 'utf8');
    const targets = relativeImports(file, text).map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(file), s)));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}
