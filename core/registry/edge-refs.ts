import { isMakeBlueprint, isN8nDefinition } from './canonical.ts';
import { makeModules } from './scan.ts';

/**
 * What a stored definition says about other workflows, read without guessing (issue 19). Pure.
 * - `calls`: addresses a step sends to (n8n HTTP Request, Make HTTP modules, URLs and `gh workflow run` in GitHub YAML);
 * - `subWorkflows`: workflow ids an n8n Execute Workflow (or workflow tool) node starts;
 * - `endpoints`: the addresses that start this workflow (n8n webhook paths, a Make custom webhook's address, a Zapier
 *   catch hook, GitHub's dispatch addresses);
 * - `credentials`: the credentials (n8n) and connections (Make) it signs in with.
 * Each carries its evidence: the step (node or module) and the field that holds it.
 */
type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const s = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export interface Evidence { step: string; field: string; value: string }
/** An address, as compared: lower-case host (with a non-default port) and path without a trailing slash. */
export interface Address { host: string; path: string }
export interface Call { address: Address; evidence: Evidence }
export interface SubCall { workflowExternalId: string; evidence: Evidence }
export interface Credential { key: string; label: string; evidence: Evidence }
/** GitHub dispatches are addressed to a repository: one workflow file, or every workflow listening for the event. */
export interface Dispatch { repository: string; workflowFile: string | null; eventType: string | null; evidence: Evidence }

export interface DefinitionRefs {
  calls: Call[];
  subWorkflows: SubCall[];
  endpoints: Address[];
  credentials: Credential[];
  dispatches: Dispatch[];
  /** GitHub: the workflow listens for repository_dispatch (with these types; empty: any type). */
  repositoryDispatch: { types: string[] } | null;
  /** GitHub: the workflow can be started by workflow_dispatch. */
  workflowDispatch: boolean;
}

/** Where the workflow's vendor account lives: the connector's address (n8n webhooks are served under it). */
export interface RefContext { vendor: string; baseUrl: string | null }

/** `https://Host:443/a/b/` → { host, path: '/a/b' }; null for expressions, relative or non-http addresses. */
export function addressOf(raw: string): Address | null {
  let text = raw.trim();
  if (text.startsWith('=')) text = text.slice(1).trim();
  if (text.includes('{{') || text.includes('${{')) return null;
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  return { host: u.host.toLowerCase(), path: u.pathname.replace(/\/+$/, '') || '/' };
}

export const addressKey = (a: Address) => `${a.host}${a.path}`;

const empty = (): DefinitionRefs => ({ calls: [], subWorkflows: [], endpoints: [], credentials: [], dispatches: [], repositoryDispatch: null, workflowDispatch: false });

/** The GitHub REST dispatch addresses: `/repos/{o}/{r}/dispatches` and `/repos/{o}/{r}/actions/workflows/{file}/dispatches`. */
function githubDispatchOf(a: Address, apiHost: string, evidence: Evidence): Dispatch | null {
  if (a.host !== apiHost) return null;
  const path = a.path.replace(/^\/api\/v3/, '');
  const wf = /^\/repos\/([^/]+)\/([^/]+)\/actions\/workflows\/([^/]+)\/dispatches$/i.exec(path);
  if (wf) return { repository: `${wf[1]}/${wf[2]}`.toLowerCase(), workflowFile: decodeURIComponent(wf[3]!), eventType: null, evidence };
  const repo = /^\/repos\/([^/]+)\/([^/]+)\/dispatches$/i.exec(path);
  return repo ? { repository: `${repo[1]}/${repo[2]}`.toLowerCase(), workflowFile: null, eventType: null, evidence } : null;
}

const GITHUB_API = 'api.github.com';

function n8nRefs(d: Json & { nodes: Json[] }, ctx: RefContext, out: DefinitionRefs): void {
  const base = ctx.baseUrl ? addressOf(ctx.baseUrl) : null;
  const prefix = base && base.path !== '/' ? base.path : '';
  for (const n of d.nodes.filter(isObj)) {
    if (n['disabled'] === true) continue;
    const type = s(n['type']);
    const name = s(n['name']) || type;
    const p = isObj(n['parameters']) ? n['parameters'] : {};
    if (type === 'n8n-nodes-base.webhook' && base) {
      const path = s(p['path']).replace(/^\/+|\/+$/g, '');
      // Production and test addresses (n8n serves both under the instance's address).
      if (path) for (const seg of ['webhook', 'webhook-test']) out.endpoints.push({ host: base.host, path: `${prefix}/${seg}/${path}` });
    }
    if (type === 'n8n-nodes-base.httpRequest') {
      const url = s(p['url']);
      const a = addressOf(url);
      if (a) out.calls.push({ address: a, evidence: { step: name, field: 'parameters.url', value: url.replace(/^=/, '') } });
    }
    if (type === 'n8n-nodes-base.executeWorkflow' || type === '@n8n/n8n-nodes-langchain.toolWorkflow') {
      const source = s(p['source']) || 'database';
      const ref = p['workflowId'];
      const id = isObj(ref) ? s(ref['value']) : s(ref);
      if (source === 'database' && id && !id.startsWith('=')) {
        out.subWorkflows.push({ workflowExternalId: id, evidence: { step: name, field: isObj(ref) ? 'parameters.workflowId.value' : 'parameters.workflowId', value: id } });
      }
    }
    const creds = n['credentials'];
    if (isObj(creds)) {
      for (const [kind, c] of Object.entries(creds)) {
        if (!isObj(c)) continue;
        const id = s(c['id']) || s(c['name']);
        if (id) out.credentials.push({ key: `${kind}:${id}`, label: s(c['name']) || id, evidence: { step: name, field: `credentials.${kind}`, value: s(c['name']) || id } });
      }
    }
  }
}

/**
 * Make: the stored definition is `{ scenario, blueprint, hooks? }` (or a bare blueprint). A custom webhook's address is
 * not in the blueprint (only the hook's id, `parameters.hook`); it is read from `hooks` ([{ id, url }], Make's hooks
 * API) when the definition carries them.
 */
function makeRefs(d: Json, out: DefinitionRefs): void {
  const blueprint = isMakeBlueprint(d) ? d : isObj(d['blueprint']) && isMakeBlueprint(d['blueprint']) ? d['blueprint'] : null;
  if (!blueprint) return;
  const modules = makeModules(blueprint.flow);
  const hooks = Array.isArray(d['hooks']) ? d['hooks'].filter(isObj) : [];
  const first = blueprint.flow[0];
  if (isObj(first) && /webhook/i.test(s(first['module']))) {
    const hookId = s(isObj(first['parameters']) ? first['parameters']['hook'] : '');
    for (const h of hooks) {
      const a = hookId && s(h['id']) === hookId ? addressOf(s(h['url'])) : null;
      if (a) out.endpoints.push(a);
    }
  }
  for (const m of modules) {
    const module = s(m['module']);
    const step = `${module} #${s(m['id'])}`;
    const mapper = isObj(m['mapper']) ? m['mapper'] : {};
    if (module.startsWith('http:')) {
      const url = s(mapper['url']);
      const a = addressOf(url);
      if (a) out.calls.push({ address: a, evidence: { step, field: 'mapper.url', value: url } });
    }
    const params = isObj(m['parameters']) ? m['parameters'] : {};
    for (const [k, v] of Object.entries(params)) {
      if (/^__IMT(CONN|KEY)__/.test(k) && s(v)) {
        out.credentials.push({ key: `make-connection:${s(v)}`, label: `connection ${s(v)}`, evidence: { step, field: `parameters.${k}`, value: s(v) } });
      }
    }
  }
}

/** Zapier: a Zap whose trigger is a catch hook carries its address (`hook_url`) on the trigger step, when listed. */
function zapierRefs(d: Json, out: DefinitionRefs): void {
  const steps = Array.isArray(d['steps']) ? d['steps'].filter(isObj) : [];
  const trigger = steps[0];
  const candidates = [trigger?.['hook_url'], trigger?.['hookUrl'], d['hook_url']];
  for (const c of candidates) {
    const a = addressOf(s(c));
    if (a && a.host === 'hooks.zapier.com' && a.path.startsWith('/hooks/catch/')) out.endpoints.push(a);
  }
}

const URL_IN_TEXT = /https?:\/\/[^\s"'`<>)\\]+/g;

/** GitHub: the `on:` block's dispatch triggers, and the URLs and `gh workflow run` lines of its steps. */
function githubRefs(d: Json, ctx: RefContext, out: DefinitionRefs): void {
  const yaml = s(d['yaml']);
  const repository = s(d['repository']).toLowerCase();
  const apiHost = (ctx.baseUrl ? addressOf(ctx.baseUrl)?.host : null) ?? GITHUB_API;
  if (!yaml) return;
  const lines = yaml.split(/\r?\n/);
  const onBlock = onSection(lines);
  out.workflowDispatch = /\bworkflow_dispatch\b/.test(onBlock);
  if (/\brepository_dispatch\b/.test(onBlock)) {
    const types = /repository_dispatch:\s*\n?\s*types:\s*\[([^\]]*)\]/.exec(onBlock)?.[1]
      ?? /repository_dispatch:[\s\S]*?types:\s*\n((?:\s*-\s*.+\n?)+)/.exec(onBlock)?.[1]?.replace(/^\s*-\s*/gm, ',');
    out.repositoryDispatch = { types: (types ?? '').split(/[,\n]/).map((t) => t.trim().replace(/^['"]|['"]$/g, '')).filter(Boolean) };
  }
  lines.forEach((line, i) => {
    if (/^\s*#/.test(line)) return;
    const step = `line ${i + 1}`;
    for (const m of line.matchAll(URL_IN_TEXT)) {
      const a = addressOf(m[0]);
      if (!a) continue;
      const evidence = { step, field: 'run', value: m[0] };
      const dispatch = githubDispatchOf(a, apiHost, evidence);
      if (dispatch) {
        const eventType = /event_type["']?\s*:\s*["']?([\w.-]+)/.exec(yaml.split(/\r?\n/).slice(i, i + 6).join('\n'))?.[1] ?? null;
        out.dispatches.push({ ...dispatch, eventType });
      } else out.calls.push({ address: a, evidence });
    }
    const gh = /\bgh\s+workflow\s+run\s+["']?([\w./-]+)["']?(?:.*?(?:--repo|-R)\s+["']?([\w.-]+\/[\w.-]+))?/.exec(line);
    if (gh && !gh[1]!.includes('${{')) {
      out.dispatches.push({ repository: (gh[2] ?? repository).toLowerCase(), workflowFile: gh[1]!, eventType: null, evidence: { step, field: 'run', value: gh[0].trim() } });
    }
  });
}

/** The text of the top-level `on:` key (up to the next top-level key). */
function onSection(lines: string[]): string {
  const start = lines.findIndex((l) => /^["']?on["']?\s*:/.test(l));
  if (start < 0) return '';
  const end = lines.findIndex((l, i) => i > start && /^[A-Za-z_"']/.test(l));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

export function definitionRefs(definition: unknown, ctx: RefContext): DefinitionRefs {
  const out = empty();
  if (isN8nDefinition(definition)) n8nRefs(definition, ctx, out);
  else if (isObj(definition)) {
    if (ctx.vendor === 'github') githubRefs(definition, ctx, out);
    else if (ctx.vendor === 'zapier') zapierRefs(definition, out);
    else makeRefs(definition, out);
  }
  return out;
}
