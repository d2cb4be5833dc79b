import { create } from 'jsondiffpatch';
import type { StructuredDiff, StepChange, ValueChange } from '../contract/registry.ts';
import { canonicalDefinition, isMakeBlueprint, isN8nDefinition, stableStringify } from './canonical.ts';

/**
 * What changed between two versions, in words a person reads (steps, parameters, connections, settings), plus the
 * raw JSON delta (jsondiffpatch) of the canonical forms. Pure.
 */
type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

const patcher = create({
  objectHash: (item: object, index?: number) => {
    const o = item as Json;
    return typeof o['name'] === 'string' ? o['name'] : o['id'] !== undefined ? String(o['id']) : `$$index:${index ?? 0}`;
  },
  arrays: { detectMove: true },
});

/** Leaf values by dotted path (`options.timeout`, `rules.0.value`). */
export function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (isObj(value) || Array.isArray(value)) {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (!entries.length && prefix) out.set(prefix, value);
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out.set(prefix, value);
  }
  return out;
}

export function valueChanges(before: unknown, after: unknown): ValueChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  const out: ValueChange[] = [];
  for (const path of keys) {
    const x = a.has(path) ? a.get(path) : undefined;
    const y = b.has(path) ? b.get(path) : undefined;
    if (stableStringify(x) === stableStringify(y) && a.has(path) === b.has(path)) continue;
    out.push({ path, before: a.has(path) ? x ?? null : null, after: b.has(path) ? y ?? null : null, kind: !a.has(path) ? 'added' : !b.has(path) ? 'removed' : 'changed' });
  }
  return out;
}

interface Step { key: string; label: string; type: string; body: Json; params: unknown }

function n8nSteps(d: Json & { nodes: Json[] }): Step[] {
  return d.nodes.map((n) => {
    const { parameters, name, type, ...rest } = n;
    return { key: String(name), label: String(name), type: String(type ?? ''), body: rest, params: parameters ?? {} };
  });
}

function makeSteps(flow: unknown[], out: Step[] = []): Step[] {
  for (const m of flow) {
    if (!isObj(m)) continue;
    const { id, module, mapper, parameters, routes, onerror, metadata: _metadata, ...rest } = m;
    out.push({ key: String(id), label: `${String(module ?? 'module')} #${String(id)}`, type: String(module ?? ''), body: { ...rest, onerror: Array.isArray(onerror) ? onerror.length : 0 }, params: { mapper: mapper ?? {}, parameters: parameters ?? {} } });
    if (Array.isArray(routes)) for (const r of routes) if (isObj(r) && Array.isArray(r['flow'])) makeSteps(r['flow'], out);
    if (Array.isArray(onerror)) makeSteps(onerror, out);
  }
  return out;
}

function stepsOf(d: unknown): Step[] | null {
  if (isN8nDefinition(d)) return n8nSteps(d);
  if (isMakeBlueprint(d)) return makeSteps(d.flow);
  return null;
}

/** n8n connections as edges `Source → Target (main 0→0)`. */
function edges(d: unknown): Set<string> {
  const out = new Set<string>();
  const c = isObj(d) ? d['connections'] : null;
  if (!isObj(c)) return out;
  for (const [source, byType] of Object.entries(c)) {
    if (!isObj(byType)) continue;
    for (const [type, outputs] of Object.entries(byType)) {
      if (!Array.isArray(outputs)) continue;
      outputs.forEach((targets, i) => {
        if (!Array.isArray(targets)) return;
        for (const t of targets) if (isObj(t)) out.add(`${source} → ${String(t['node'])} (${type} ${i}→${String(t['index'] ?? 0)})`);
      });
    }
  }
  return out;
}

export function structuredDiff(beforeRaw: unknown, afterRaw: unknown): StructuredDiff {
  const before = canonicalDefinition(beforeRaw);
  const after = canonicalDefinition(afterRaw);
  const a = stepsOf(before);
  const b = stepsOf(after);
  const added: string[] = [];
  const removed: string[] = [];
  const changed: StepChange[] = [];
  if (a && b) {
    const byKey = new Map(a.map((s) => [s.key, s]));
    const seen = new Set<string>();
    for (const s of b) {
      const old = byKey.get(s.key);
      seen.add(s.key);
      if (!old) {
        added.push(s.label);
        continue;
      }
      const parameters = valueChanges(old.params, s.params);
      const fields = valueChanges({ type: old.type, ...old.body }, { type: s.type, ...s.body });
      if (parameters.length || fields.length) changed.push({ step: s.label, parameters, fields });
    }
    for (const s of a) if (!seen.has(s.key)) removed.push(s.label);
  }
  const ea = edges(before);
  const eb = edges(after);
  const get = (d: unknown, k: string) => (isObj(d) ? d[k] : undefined);
  const settings = valueChanges(get(before, 'settings') ?? {}, get(after, 'settings') ?? {});
  const nameBefore = get(before, 'name');
  const nameAfter = get(after, 'name');
  return {
    renamed: nameBefore !== nameAfter && typeof nameAfter === 'string' ? { before: typeof nameBefore === 'string' ? nameBefore : null, after: nameAfter } : null,
    stepsAdded: added.sort(),
    stepsRemoved: removed.sort(),
    stepsChanged: changed.sort((x, y) => (x.step < y.step ? -1 : x.step > y.step ? 1 : 0)),
    connectionsAdded: [...eb].filter((e) => !ea.has(e)).sort(),
    connectionsRemoved: [...ea].filter((e) => !eb.has(e)).sort(),
    settingsChanged: settings,
    textChanged: typeof before === 'string' || typeof after === 'string' ? before !== after : false,
    identical: stableStringify(before) === stableStringify(after),
  };
}

/** The jsondiffpatch delta between the canonical forms (undefined → null when identical). */
export function rawDiff(before: unknown, after: unknown): unknown {
  return patcher.diff(canonicalDefinition(before), canonicalDefinition(after)) ?? null;
}

/** One line per change, for summaries, audit entries and the correlation note. */
export function summarize(d: StructuredDiff): string[] {
  const lines: string[] = [];
  if (d.renamed) lines.push(`Renamed to “${d.renamed.after}”`);
  for (const s of d.stepsAdded) lines.push(`Step added: ${s}`);
  for (const s of d.stepsRemoved) lines.push(`Step removed: ${s}`);
  for (const c of d.stepsChanged) {
    const what = [...c.parameters.map((p) => p.path), ...c.fields.map((f) => f.path)].join(', ');
    lines.push(`Step changed: ${c.step} (${what})`);
  }
  if (d.connectionsAdded.length || d.connectionsRemoved.length) lines.push(`Connections changed (+${d.connectionsAdded.length} −${d.connectionsRemoved.length})`);
  for (const s of d.settingsChanged) lines.push(`Setting ${s.path} ${s.kind === 'removed' ? 'removed' : s.kind === 'added' ? 'added' : 'changed'}`);
  if (d.textChanged) lines.push('Definition text changed');
  return lines;
}
