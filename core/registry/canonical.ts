import { createHash } from 'node:crypto';

/**
 * The canonical form of a vendor definition: what a version is about, without what changes on every save or
 * drag. Two definitions with the same canonical form are the same version. Pure functions.
 */
type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Top-level fields that move without the workflow changing (n8n and Make). */
const VOLATILE_TOP = new Set([
  'id', 'active', 'isArchived', 'createdAt', 'updatedAt', 'versionId', 'activeVersionId', 'activeVersion', 'triggerCount',
  'pinData', 'staticData', 'meta', 'shared', 'tags', 'homeProject', 'usedCredentials', 'parentFolder', 'nodeGroups',
  'lastEdit', 'created', 'createdByUser', 'updatedByUser', 'dlqCount', 'operations', 'transfer', 'isPaused', 'isActive',
]);
/** Node fields that are cosmetic: n8n node ids and canvas positions. */
const VOLATILE_NODE = new Set(['id', 'position']);

/** Sorted keys at every depth, so key order never makes a difference. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObj(value)) return value;
  const out: Json = {};
  for (const k of Object.keys(value).sort()) {
    if (value[k] !== undefined) out[k] = sortKeys(value[k]);
  }
  return out;
}

/** JSON with sorted keys; `indent` for files people read and diff. */
export function stableStringify(value: unknown, indent?: number): string {
  return JSON.stringify(sortKeys(value ?? null), null, indent) ?? 'null';
}

/** Make module metadata carries the canvas position (`designer`); routes nest further modules. */
function stripMake(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripMake);
  if (!isObj(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'designer') continue;
    out[k] = stripMake(v);
  }
  return out;
}

export function isN8nDefinition(d: unknown): d is Json & { nodes: Json[] } {
  return isObj(d) && Array.isArray(d['nodes']);
}

export function isMakeBlueprint(d: unknown): d is Json & { flow: Json[] } {
  return isObj(d) && Array.isArray(d['flow']);
}

export function canonicalDefinition(definition: unknown): unknown {
  if (typeof definition === 'string') return definition.replace(/\r\n/g, '\n');
  if (!isObj(definition)) return definition ?? null;
  const out: Json = {};
  for (const [k, v] of Object.entries(definition)) {
    if (VOLATILE_TOP.has(k) || v === undefined) continue;
    out[k] = v;
  }
  if (isN8nDefinition(definition)) {
    out['nodes'] = definition.nodes
      .filter(isObj)
      .map((n) => Object.fromEntries(Object.entries(n).filter(([k]) => !VOLATILE_NODE.has(k))))
      .sort((a, b) => (String(a['name']) < String(b['name']) ? -1 : String(a['name']) > String(b['name']) ? 1 : 0));
    return sortKeys(out);
  }
  return sortKeys(stripMake(out));
}

/** sha256 (hex) of the canonical form. */
export function contentHash(definition: unknown): string {
  return createHash('sha256').update(stableStringify(canonicalDefinition(definition))).digest('hex');
}

/** Who made this version, when the vendor says (n8n activeVersion.authors, Make updatedByUser). */
export function vendorAuthor(definition: unknown): string | null {
  if (!isObj(definition)) return null;
  const av = definition['activeVersion'];
  if (isObj(av) && typeof av['authors'] === 'string' && av['versionId'] === definition['versionId']) return av['authors'];
  const by = definition['updatedByUser'];
  if (isObj(by) && typeof by['name'] === 'string') return by['name'];
  return null;
}
