import { stableStringify } from './canonical.ts';
import { isMakeBlueprint, isN8nDefinition } from './canonical.ts';
import { SECRET_KEY, SECRET_PATTERNS } from '../contract/secret-patterns.ts';

/** Reading facts out of vendor definitions for the lint rules: triggers, error paths, secrets, credentials. Pure. */
type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : stableStringify(v));

function nodes(d: unknown): Json[] {
  return isN8nDefinition(d) ? d.nodes.filter(isObj).filter((n) => n['disabled'] !== true) : [];
}

/** Every module of a Make blueprint's flow, routers' routes and error handlers included, in order. */
export function makeModules(flow: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (!Array.isArray(flow)) return out;
  for (const m of flow) {
    if (!isObj(m)) continue;
    out.push(m);
    if (Array.isArray(m['routes'])) for (const r of m['routes']) if (isObj(r)) makeModules(r['flow'], out);
    makeModules(m['onerror'], out);
  }
  return out;
}

const NOT_EVENTS = new Set(['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.errorTrigger', 'n8n-nodes-base.executeWorkflowTrigger', 'n8n-nodes-base.scheduleTrigger', 'n8n-nodes-base.cron']);

/** Keys that make two workflows start on the same thing: `webhook:POST orders`, `event:<type> <params>`, `schedule:<rule> → <target>`. */
export function triggerKeys(d: unknown): string[] {
  const out: string[] = [];
  const all = nodes(d);
  const isTrigger = (n: Json) => /trigger$/i.test(str(n['type'])) || str(n['type']) === 'n8n-nodes-base.webhook' || str(n['type']) === 'n8n-nodes-base.cron';
  const target = all.filter((n) => !isTrigger(n)).map((n) => {
    const p = isObj(n['parameters']) ? n['parameters'] : {};
    return [str(n['type']), str(p['url']), str(p['resource']), str(p['operation']), str(p['documentId']), str(p['table'])].join('|');
  }).sort().join(';');
  for (const n of all) {
    const type = str(n['type']);
    const p = isObj(n['parameters']) ? n['parameters'] : {};
    if (type === 'n8n-nodes-base.webhook') out.push(`webhook:${str(p['httpMethod']) || 'GET'} ${str(p['path']).replace(/^\/+/, '')}`);
    else if (type === 'n8n-nodes-base.scheduleTrigger' || type === 'n8n-nodes-base.cron') out.push(`schedule:${stableStringify(p['rule'] ?? p['triggerTimes'] ?? null)} → ${target}`);
    else if (/trigger$/i.test(type) && !NOT_EVENTS.has(type)) out.push(`event:${type} ${stableStringify(p)}`);
  }
  if (isMakeBlueprint(d)) {
    const first = d.flow[0];
    if (isObj(first) && /webhook/i.test(str(first['module']))) out.push(`webhook:make ${str(isObj(first['parameters']) ? first['parameters']['hook'] : '')}`);
  }
  return out;
}

/** True when a failure is handled somewhere: n8n errorWorkflow, an error output or continue-on-fail; Make onerror routes. */
export function hasErrorPath(d: unknown): boolean | null {
  if (isN8nDefinition(d)) {
    const settings = isObj(d['settings']) ? d['settings'] : {};
    if (typeof settings['errorWorkflow'] === 'string' && settings['errorWorkflow']) return true;
    return nodes(d).some((n) => n['continueOnFail'] === true || n['onError'] === 'continueErrorOutput' || n['onError'] === 'continueRegularOutput');
  }
  if (isMakeBlueprint(d)) return makeModules(d.flow).some((m) => Array.isArray(m['onerror']) && m['onerror'].length > 0);
  return null;
}

/** Credential names the workflow uses (n8n node credentials). */
export function credentialNames(d: unknown): string[] {
  const out: string[] = [];
  for (const n of nodes(d)) {
    const creds = n['credentials'];
    if (!isObj(creds)) continue;
    for (const c of Object.values(creds)) if (isObj(c) && typeof c['name'] === 'string') out.push(c['name']);
  }
  return out;
}


export interface SecretHit { step: string; path: string; what: string }

function scanValue(value: unknown, path: string, step: string, hits: SecretHit[]): void {
  if (typeof value === 'string') {
    if (value.startsWith('=') || value.includes('{{')) return; // an expression, not a literal
    const key = path.split('.').pop() ?? '';
    if (SECRET_KEY.test(key) && value.length >= 6) {
      hits.push({ step, path, what: `a literal value for “${key}”` });
      return;
    }
    const p = SECRET_PATTERNS.find((x) => x.re.test(value));
    if (p) hits.push({ step, path, what: p.what });
    return;
  }
  if (Array.isArray(value)) value.forEach((v, i) => scanValue(v, path ? `${path}.${i}` : String(i), step, hits));
  else if (isObj(value)) {
    // n8n header/query lists: { name: 'Authorization', value: 'Bearer …' }
    if (typeof value['name'] === 'string' && typeof value['value'] === 'string' && SECRET_KEY.test(value['name'].replace(/[-\s]/g, '_'))) {
      if (!value['value'].startsWith('=') && value['value'].length >= 6) {
        hits.push({ step, path: `${path}.${value['name']}`, what: `a literal value for “${value['name']}”` });
        return;
      }
    }
    for (const [k, v] of Object.entries(value)) scanValue(v, path ? `${path}.${k}` : k, step, hits);
  }
}

/** Literal secrets in step parameters (expressions and credentials references are fine). */
export function secretHits(d: unknown): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const n of nodes(d)) scanValue(n['parameters'], '', str(n['name']), hits);
  if (isMakeBlueprint(d)) for (const m of makeModules(d.flow)) scanValue({ mapper: m['mapper'], parameters: m['parameters'] }, '', `${str(m['module'])} #${str(m['id'])}`, hits);
  if (typeof d === 'string') d.split('\n').forEach((line, i) => scanValue(line, `line ${i + 1}`, 'workflow file', hits));
  return hits;
}
