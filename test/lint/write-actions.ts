// Which renderer components reach a write method of the contract, and whether they ask `useCan` about it first
// (issue #15: a button a role cannot press is disabled with the reason, never an error after the click).
//
// 1. A write action is a function that calls the core with a method whose permission is not 'read': the string
//    literal of the method inside a store's action (`act: async () => api.call('incidents/acknowledge-incident', …)`),
//    or inside a table that action reads (`METHODS[action]`, any literal outside a function belongs to every function
//    of its file). A function of a .ts file that calls another file's write action is a write action too.
// 2. A component (.tsx) that calls the core itself with a write method, or that imports that file and touches the action (`s.act`, `getState().act`, `{ act }`,
//    `import { act }`) must pass every method of that action, as a literal, to `useCan(…)` or `accessFor(…)`.
import path from 'node:path';
import ts from 'typescript';
import type { Method } from '../../core/contract/handlers.ts';
import { METHOD_PERMISSIONS } from '../../core/contract/permissions.ts';

const isWriteMethod = (text: string): text is Method =>
  Object.prototype.hasOwnProperty.call(METHOD_PERMISSIONS, text) && METHOD_PERMISSIONS[text as Method] !== 'read';

/** A missed check: `file` reaches `action` of `store` (which calls `method`) without asking useCan about it. */
export interface Unchecked { file: string; store: string; action: string; method: Method }

export interface WriteActionReport {
  /** store file → action name → the write methods it calls. */
  actions: Map<string, Map<string, Set<Method>>>;
  /** component file → the write methods it reaches (checked or not). */
  reached: Map<string, Set<Method>>;
  unchecked: Unchecked[];
}

type Files = ReadonlyMap<string, string>;

const FUNCTION_KINDS = new Set([ts.SyntaxKind.ArrowFunction, ts.SyntaxKind.FunctionExpression, ts.SyntaxKind.MethodDeclaration, ts.SyntaxKind.FunctionDeclaration]);

/** The name of the function a node sits in: an object property holding a function, a method, or a named function. */
function enclosingAction(node: ts.Node): string | null {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isMethodDeclaration(n) && ts.isIdentifier(n.name)) return n.name.text;
    if (ts.isFunctionDeclaration(n) && n.name) return n.name.text;
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && n.parent) {
      const p = n.parent;
      // A store's action: `test: (form) => api.call(…)`.
      if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) return p.name.text;
      // A local helper inside an action still belongs to the action above it.
      if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return enclosingAction(p) ?? p.name.text;
    }
  }
  return null;
}

/** Every function of a file that an object property or declaration names (for literals outside any function). */
function namedFunctions(source: ts.SourceFile): string[] {
  const names: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isMethodDeclaration(n) && ts.isIdentifier(n.name)) names.push(n.name.text);
    if (ts.isFunctionDeclaration(n) && n.name) names.push(n.name.text);
    if ((ts.isPropertyAssignment(n) || ts.isVariableDeclaration(n)) && ts.isIdentifier(n.name) && n.initializer && FUNCTION_KINDS.has(n.initializer.kind)) names.push(n.name.text);
    ts.forEachChild(n, visit);
  };
  visit(source);
  return names;
}

function resolveImport(from: string, spec: string): string {
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
}

/** The names a file touches of an imported file's exports: `x.name`, `{ name }`, `import { name }`. */
function touchedNames(source: ts.SourceFile, storeFile: string, fileName: string): { names: Set<string>; at: Map<string, ts.Node[]> } {
  const names = new Set<string>();
  const at = new Map<string, ts.Node[]>();
  const note = (name: string, node: ts.Node) => {
    names.add(name);
    at.set(name, [...(at.get(name) ?? []), node]);
  };
  let imports = false;
  for (const st of source.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !st.moduleSpecifier.text.startsWith('.')) continue;
    if (resolveImport(fileName, st.moduleSpecifier.text) !== storeFile) continue;
    imports = true;
    const bindings = st.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) note((el.propertyName ?? el.name).text, el);
  }
  if (!imports) return { names, at };
  const visit = (n: ts.Node) => {
    if (ts.isPropertyAccessExpression(n)) note(n.name.text, n);
    if (ts.isBindingElement(n)) note(((n.propertyName ?? n.name) as ts.Identifier).text ?? '', n);
    ts.forEachChild(n, visit);
  };
  visit(source);
  return { names, at };
}

/** Every property name a file reads (`get().name`, `x.name`), for actions calling actions of their own store. */
function ownTouches(source: ts.SourceFile): { at: Map<string, ts.Node[]> } {
  const at = new Map<string, ts.Node[]>();
  const visit = (n: ts.Node) => {
    if (ts.isPropertyAccessExpression(n)) at.set(n.name.text, [...(at.get(n.name.text) ?? []), n]);
    ts.forEachChild(n, visit);
  };
  visit(source);
  return { at };
}

/** The write methods a file asks about: literals inside `useCan(…)` / `accessFor(…)` calls. */
function checkedMethods(source: ts.SourceFile): Set<string> {
  const found = new Set<string>();
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && (n.expression.text === 'useCan' || n.expression.text === 'accessFor')) {
      const collect = (m: ts.Node) => {
        if (ts.isStringLiteralLike(m)) found.add(m.text);
        ts.forEachChild(m, collect);
      };
      n.arguments.forEach(collect);
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return found;
}

/** `files`: repo-relative posix path → text, for the renderer's source without its tests. */
export function analyseWriteActions(files: Files): WriteActionReport {
  const parsed = new Map([...files].map(([f, text]) => [f, ts.createSourceFile(f, text, ts.ScriptTarget.Latest, true, f.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)]));
  const actions = new Map<string, Map<string, Set<Method>>>();
  const add = (file: string, action: string, methods: Iterable<Method>): boolean => {
    const byName = actions.get(file) ?? new Map<string, Set<Method>>();
    actions.set(file, byName);
    const set = byName.get(action) ?? new Set<Method>();
    byName.set(action, set);
    const before = set.size;
    for (const m of methods) set.add(m);
    return set.size > before;
  };
  // 1. Literals of write methods in non-component files.
  for (const [file, source] of parsed) {
    if (file.endsWith('.tsx')) continue;
    const loose: Method[] = [];
    const visit = (n: ts.Node) => {
      // A literal in a type (`Input<'connectors/add-connector'>`) calls nothing.
      if (ts.isStringLiteralLike(n) && isWriteMethod(n.text) && !ts.isLiteralTypeNode(n.parent)) {
        const action = enclosingAction(n);
        if (action) add(file, action, [n.text]);
        else loose.push(n.text);
      }
      ts.forEachChild(n, visit);
    };
    visit(source);
    if (loose.length) for (const name of namedFunctions(source)) add(file, name, loose);
  }
  // 1b. Store functions that call another file's write action are write actions too (to a fixed point).
  for (let changed = true; changed;) {
    changed = false;
    for (const [file, source] of parsed) {
      if (file.endsWith('.tsx')) continue;
      for (const [store, byName] of [...actions]) {
        // Within a store, an action that calls another (`get().saveSettings(…)`) takes on its methods.
        const { at } = store === file ? ownTouches(source) : touchedNames(source, store, file);
        for (const [name, nodes] of at) {
          const methods = byName.get(name);
          if (!methods) continue;
          for (const node of nodes) {
            const action = enclosingAction(node);
            if (action && action !== name && add(file, action, methods)) changed = true;
          }
        }
      }
    }
  }
  // 2. Components that touch a write action must ask useCan about each of its methods.
  const reached = new Map<string, Set<Method>>();
  const unchecked: Unchecked[] = [];
  for (const [file, source] of parsed) {
    if (!file.endsWith('.tsx')) continue;
    const checked = checkedMethods(source);
    // A component that calls the core itself (`core.call('alerts/save-rule', …)`) reaches that method directly.
    const direct = (n: ts.Node) => {
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'call') {
        const first = n.arguments[0];
        if (first && ts.isStringLiteralLike(first) && isWriteMethod(first.text)) {
          reached.set(file, (reached.get(file) ?? new Set<Method>()).add(first.text));
          if (!checked.has(first.text)) unchecked.push({ file, store: file, action: 'call', method: first.text });
        }
      }
      ts.forEachChild(n, direct);
    };
    direct(source);
    for (const [store, byName] of actions) {
      const { names } = touchedNames(source, store, file);
      for (const name of names) {
        for (const method of byName.get(name) ?? []) {
          reached.set(file, (reached.get(file) ?? new Set<Method>()).add(method));
          if (!checked.has(method)) unchecked.push({ file, store, action: name, method });
        }
      }
    }
  }
  return { actions, reached, unchecked };
}
