import type { Method, Output } from './handlers.ts';
import { roleAllows, type Role } from './permissions.ts';
import { SECRET_KEY, SECRET_PATTERNS } from './secret-patterns.ts';

/**
 * Secrets never reach a viewer (issue #15). Only a role that may change the setup (admin, owner) sees a secret; every
 * other role gets this marker in its place, which the console shows as it is. The roles that see a secret are the
 * ones that could replace it.
 */
export const HIDDEN = 'hidden: ask an admin';

export function isHidden(value: unknown): boolean {
  return value === HIDDEN;
}

export function seesSecrets(role: Role): boolean {
  return roleAllows(role, 'admin');
}

/** Keys whose value is a secret wherever they appear, beyond SECRET_KEY (audit details carry the methods' objects). */
const SECRET_FIELDS = new Set([
  'signingSecret', 'credential', 'secretRef', 'pingKey', 'pingUuid', 'passwordHash',
  // Anyone who knows an ntfy topic can read it; the SMTP user is half of a sign-in.
  'ntfyTopic', 'smtpUser',
]);
const isSecretField = (key: string) => SECRET_FIELDS.has(key) || SECRET_KEY.test(key);
/** A header or query parameter whose value is a secret (Authorization, X-Api-Key, access_token, …). */
const SECRET_HEADER = /pass(?:word|wd)|secret|token|api[-_\s]?key|auth/i;
/** A query parameter that carries a secret (?token=, ?api_key=, ?key=, ?sig=, …); ?page=2 does not. */
const SECRET_PARAM = /pass(?:word|wd)?|secret|token|key|auth|sig/i;

const GLOBAL_PATTERNS = SECRET_PATTERNS.map((p) => new RegExp(p.re.source, `${p.re.flags.replace('g', '')}g`));
/** `"password": "…"` in JSON text (a definition shown side by side). */
const JSON_SECRET_FIELD = /("(?:password|passwd|secret|client_?secret|api_?key|apikey|token|access_?token|auth_?token|signingSecret|credential)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;

/**
 * A string as a role without secrets may see it: a URL carrying a sign-in (user:password@) or a secret in its query
 * (?token=…) is hidden whole; in other text, whatever looks like a secret (SECRET_PATTERNS, a secret JSON field) is
 * replaced by the marker.
 */
export function hideSecretText(value: string): string {
  // JSON text (a definition shown side by side) is read, hidden field by field, and written back the same way.
  if (/^\s*[{[]/.test(value)) {
    try {
      return JSON.stringify(hideSecretsDeep(JSON.parse(value) as unknown), null, value.includes('\n') ? 2 : undefined);
    } catch {
      // Not JSON: treated as text below.
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      if (url.username || url.password || [...url.searchParams.keys()].some((k) => SECRET_PARAM.test(k))) return HIDDEN;
    } catch {
      // Not a URL after all: treated as text below.
    }
  }
  let out = value;
  // A sign-in inside an address keeps the address readable: https://hidden: ask an admin@host.
  for (const re of GLOBAL_PATTERNS) out = out.replace(re, (m) => (m.endsWith('@') ? `${m.slice(0, m.indexOf('//') + 2)}${HIDDEN}@` : HIDDEN));
  return out.replace(JSON_SECRET_FIELD, `$1"${HIDDEN}"`);
}

/** Every secret in a JSON value replaced by HIDDEN: by field name, in `{ name, value }` header lists, and in text. */
export function hideSecretsDeep(value: unknown): unknown {
  if (typeof value === 'string') return hideSecretText(value);
  if (Array.isArray(value)) return value.map(hideSecretsDeep);
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  // n8n header and query lists: { name: 'Authorization' | 'api_key', value: '…' }.
  const namedSecret = typeof o['name'] === 'string' && typeof o['value'] === 'string' && SECRET_HEADER.test(o['name']);
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k,
    (namedSecret && k === 'value') || (isSecretField(k) && v !== null && v !== undefined && v !== false && v !== '') ? HIDDEN : hideSecretsDeep(v)]));
}

type Redactor<M extends Method> = (output: Output<M>) => Output<M>;

/** Hides the ping addresses (each carries the monitor's key or its own unguessable id). */
const hideUrls = <U extends Record<string, string | undefined>>(urls: U): U =>
  Object.fromEntries(Object.entries(urls).map(([k, v]) => [k, v === undefined ? v : HIDDEN])) as U;

/**
 * What a role without secrets gets instead of a method's own output, declared per method (beside the permissions each method declares),
 * for secrets the generic pass below would not recognise by their shape. Every output (declared or not) then goes
 * through hideSecretsDeep. test/integration/viewer-secrets.test.ts calls every read method as a viewer and as an
 * operator with canary secrets planted and fails when one shows: a new method that leaks needs an entry here.
 */
export const SECRET_REDACTIONS: { readonly [M in Method]?: Redactor<M> } = {
  'push/list-monitors': (o) => (o.ok ? { ...o, items: o.items.map((m) => ({ ...m, urls: hideUrls(m.urls) })) } : o),
  'push/create-monitor': (o) => (o.ok ? { ...o, monitor: { ...o.monitor, urls: hideUrls(o.monitor.urls) } } : o),
};

/** The output as `role` may see it: unchanged for a role that sees secrets, else with every secret hidden. */
export function redactFor(role: Role, method: Method, output: unknown): unknown {
  if (seesSecrets(role)) return output;
  const redact = SECRET_REDACTIONS[method] as ((o: unknown) => unknown) | undefined;
  return hideSecretsDeep(redact ? redact(output) : output);
}
