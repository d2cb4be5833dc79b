// Issue #15: every button that changes something asks `useCan(method)` (renderer/lib/access.ts) before it can be
// pressed, so a Viewer sees it disabled with the reason instead of an error after the click. The analysis
// (test/lint/write-actions.ts) follows each write method of the contract from the store action that calls it to the
// components that touch that action, and fails for a component that does not ask about it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { handlerSchemas, type Method } from '../../core/contract/handlers.ts';
import { METHOD_PERMISSIONS } from '../../core/contract/permissions.ts';
import { analyseWriteActions } from './write-actions.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function rendererSources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return sourceDir(e.name) ? rendererSources(rel) : [];
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}
const sourceDir = (name: string) => name !== 'node_modules' && name !== 'public';

const files = new Map(rendererSources('renderer').map((f) => [f, readFileSync(path.join(ROOT, f), 'utf8')]));
const report = analyseWriteActions(files);
const WRITE_METHODS = (Object.keys(handlerSchemas) as Method[]).filter((m) => METHOD_PERMISSIONS[m] !== 'read');

describe('role-aware buttons', () => {
  it('finds the write actions of the renderer (so a broken analysis cannot pass by finding nothing)', () => {
    const called = new Set([...report.actions.values()].flatMap((byName) => [...byName.values()].flatMap((s) => [...s])));
    // Every write method the renderer calls is found behind some action.
    const literal = WRITE_METHODS.filter((m) => [...files.values()].some((text) => text.includes(`'${m}'`)));
    expect(literal.length).toBeGreaterThan(30);
    expect(literal.filter((m) => !called.has(m))).toEqual([]);
    // And some component reaches each of them (an action nobody presses would be dead code).
    const reached = new Set([...report.reached.values()].flatMap((s) => [...s]));
    expect(literal.filter((m) => !reached.has(m))).toEqual([]);
  });

  it('every component that reaches a write method asks useCan about it', () => {
    expect(report.unchecked.map((u) => `${u.file}: ${u.action} (${u.store}) calls ${u.method} without useCan('${u.method}')`)).toEqual([]);
  });

  it('catches a new button that forgets to ask', () => {
    const fixture = new Map([
      ['renderer/features/x/store.ts', "export const useX = create(() => ({ async save() { await api.call('alerts/save-rule', {}); }, async load() { await api.call('alerts/list-rules', {}); } }));"],
      ['renderer/features/x/table.ts', "const M = { a: 'runs/retry-run' } as const;\nexport const useT = create(() => ({ perform: (k) => api.call(M[k], {}) }));"],
      ['renderer/features/x/Good.tsx', "import { useX } from './store.ts';\nexport function Good() { const save = useX((s) => s.save); const can = useCan('alerts/save-rule'); return <button {...can.lock} onClick={save} />; }"],
      ['renderer/features/x/Bad.tsx', "import { useX } from './store.ts';\nexport function Bad() { const save = useX((s) => s.save); return <button onClick={save} />; }"],
      ['renderer/features/x/Destructured.tsx', "import { useX } from './store.ts';\nexport function D() { const { save } = useX.getState(); return <button onClick={save} />; }"],
      ['renderer/features/x/ReadOnly.tsx', "import { useX } from './store.ts';\nexport function R() { const load = useX((s) => s.load); return <p onClick={load} />; }"],
      ['renderer/features/x/Table.tsx', "import { useT } from './table.ts';\nexport function T() { const p = useT((s) => s.perform); return <button onClick={() => p('a')} />; }"],
      ['renderer/features/x/wrap.ts', "import { useX } from './store.ts';\nexport function saveTwice() { void useX.getState().save(); }"],
      ['renderer/features/x/Wrapped.tsx', "import { saveTwice } from './wrap.ts';\nexport function W() { return <button onClick={saveTwice} />; }"],
      ['renderer/features/x/Direct.tsx', "export function Dr() { return <button onClick={() => core.call('alerts/delete-rule', { id: 1 })} />; }"],
      ['renderer/features/x/DirectChecked.tsx', "export function Dc() { const can = useCan('alerts/delete-rule'); return <button {...can.lock} onClick={() => core.call('alerts/delete-rule', { id: 1 })} />; }"],
    ]);
    const found = analyseWriteActions(fixture).unchecked.map((u) => `${u.file} ${u.method}`).sort();
    expect(found).toEqual([
      'renderer/features/x/Bad.tsx alerts/save-rule',
      'renderer/features/x/Destructured.tsx alerts/save-rule',
      'renderer/features/x/Direct.tsx alerts/delete-rule',
      'renderer/features/x/Table.tsx runs/retry-run',
      'renderer/features/x/Wrapped.tsx alerts/save-rule',
    ]);
  });
});
