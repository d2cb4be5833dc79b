import type { Method, Output } from './handlers.ts';
import { roleAllows, type Role } from './permissions.ts';

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

/** A URL that carries a sign-in (user:password@) or a query (often ?token=…) is hidden whole; a plain address stays. */
export function hideUrlSecrets(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return value;
  }
  return url.username || url.password || url.search ? HIDDEN : value;
}

/** Keys whose value is a secret wherever they appear (audit details carry the same objects as the methods). */
const SECRET_KEYS = new Set([
  'secret', 'signingSecret', 'credential', 'password', 'token', 'apiKey', 'secretRef', 'pingKey', 'pingUuid',
  // Anyone who knows an ntfy topic can read it; the SMTP user is half of a sign-in.
  'ntfyTopic', 'smtpUser',
  // A push monitor's ping addresses carry its unguessable key.
  'urls',
]);

/** Every secret in a JSON value replaced by HIDDEN: by key (above), and every URL with a sign-in or a query. */
export function hideSecretsDeep(value: unknown): unknown {
  if (typeof value === 'string') return hideUrlSecrets(value);
  if (Array.isArray(value)) return value.map(hideSecretsDeep);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.has(k) && v !== null && v !== undefined ? HIDDEN : hideSecretsDeep(v)]));
}

type Redactor<M extends Method> = (output: Output<M>) => Output<M>;

/** Hides the ping addresses (each carries the monitor's key or its own unguessable id). */
const hideUrls = <U extends Record<string, string | undefined>>(urls: U): U =>
  Object.fromEntries(Object.entries(urls).map(([k, v]) => [k, v === undefined ? v : HIDDEN])) as U;

const hideDeep = <T>(x: T): T => hideSecretsDeep(x) as T;

/**
 * What each read method hides from a role that does not see secrets, declared per method beside METHOD_PERMISSIONS.
 * The dispatcher applies it to the handler's output. test/integration/viewer-secrets.test.ts calls every read method
 * as a viewer with canary secrets planted and fails when one shows, so a new method that leaks needs an entry here.
 */
export const SECRET_REDACTIONS: { readonly [M in Method]?: Redactor<M> } = {
  'push/list-monitors': (o) => (o.ok ? { ...o, items: o.items.map((m) => ({ ...m, urls: hideUrls(m.urls) })) } : o),
  'alerts/list-channels': (o) => ({ items: o.items.map((c) => ({ ...c, config: hideDeep(c.config), lastError: c.lastError === null ? null : hideUrlSecrets(c.lastError) })) }),
  'connectors/list-connectors': (o) => ({
    items: o.items.map((c) => ({ ...c, baseUrl: c.baseUrl === null ? null : hideUrlSecrets(c.baseUrl), options: hideDeep(c.options) })),
  }),
  'audit/list-entries': (o) => ({ ...o, items: o.items.map((e) => ({ ...e, detail: hideDeep(e.detail) })) }),
  'audit/search-entries': (o) => ({ ...o, items: o.items.map((e) => ({ ...e, detail: hideDeep(e.detail) })) }),
};

/** The output as `role` may see it. */
export function redactFor(role: Role, method: Method, output: unknown): unknown {
  if (seesSecrets(role)) return output;
  const redact = SECRET_REDACTIONS[method] as ((o: unknown) => unknown) | undefined;
  return redact ? redact(output) : output;
}
