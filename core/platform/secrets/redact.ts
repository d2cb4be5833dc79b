/**
 * Redaction at the edges: logs, error messages, exports. Replaces known secret values (the credentials this
 * process has loaded) and common secret shapes (bearer/token headers, JWTs, GitHub tokens, credentials in URLs,
 * secret-looking query parameters) in strings, and whole values under secret-looking keys in objects.
 */
export const REDACTED = '[redacted]';

const SECRET_KEY = /^(authorization|proxy-authorization|cookie|set-cookie|x-n8n-api-key|x-api-key|api[-_]?key|apikey|token|access[-_]?token|refresh[-_]?token|id[-_]?token|client[-_]?secret|secret|password|passwd|private[-_]?key|x-hub-signature(-256)?|x-flowdeck-signature)$/i;

const PATTERNS: { re: RegExp; replace: string }[] = [
  // Authorization schemes in free text: "Bearer abc", "Token abc", "Basic abc".
  { re: /\b(Bearer|Token|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, replace: `$1 ${REDACTED}` },
  // JWTs (n8n API keys are JWTs).
  { re: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g, replace: REDACTED },
  // GitHub tokens.
  { re: /\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g, replace: REDACTED },
  // user:password@ in URLs.
  { re: /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi, replace: `$1${REDACTED}@` },
  // Secret-looking query parameters and key=value pairs.
  { re: /\b(token|access_token|refresh_token|api_key|apikey|key|secret|client_secret|password|signature|sig)=([^&\s"']+)/gi, replace: `$1=${REDACTED}` },
  // Header-like lines: "x-n8n-api-key: abc", "authorization: abc".
  { re: /\b(x-n8n-api-key|x-api-key|authorization|cookie)(["']?\s*[:=]\s*["']?)(?!(?:Bearer|Token|Basic)\s)(?!\[redacted\])([^"'\s,;}]+)/gi, replace: `$1$2${REDACTED}` },
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface Redactor {
  /** Remembers a secret value so it is removed wherever it appears (values shorter than 4 chars are ignored). */
  addSecret(secret: string): void;
  forgetSecret(secret: string): void;
  string(text: string): string;
  /** Deep copy with secrets removed; secret-looking keys have their whole value replaced. */
  value<T>(input: T): T;
}

export function createRedactor(initialSecrets: Iterable<string> = []): Redactor {
  const secrets = new Set<string>();
  let known: RegExp | null = null;
  const rebuild = () => {
    const list = [...secrets].sort((a, b) => b.length - a.length).map(escapeRegExp);
    known = list.length ? new RegExp(list.join('|'), 'g') : null;
  };
  const add = (s: string) => {
    if (s.length >= 4) secrets.add(s);
  };
  for (const s of initialSecrets) add(s);
  rebuild();

  const string = (text: string): string => {
    let out = known ? text.replace(known, REDACTED) : text;
    for (const { re, replace } of PATTERNS) out = out.replace(re, replace);
    return out;
  };

  const walk = (input: unknown, seen: WeakSet<object>): unknown => {
    if (typeof input === 'string') return string(input);
    if (!input || typeof input !== 'object') return input;
    if (seen.has(input)) return '[circular]';
    seen.add(input);
    if (Array.isArray(input)) return input.map((v) => walk(v, seen));
    if (input instanceof Error) {
      return { name: input.name, message: string(input.message) };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) {
      out[k] = SECRET_KEY.test(k) && v !== null && v !== undefined && v !== '' ? REDACTED : walk(v, seen);
    }
    return out;
  };

  return {
    addSecret(secret) {
      add(secret);
      rebuild();
    },
    forgetSecret(secret) {
      secrets.delete(secret);
      rebuild();
    },
    string,
    value: <T>(input: T): T => walk(input, new WeakSet()) as T,
  };
}

/** Process-wide redactor: the secret store and token sources register every secret they hand out. */
export const redactor: Redactor = createRedactor();

export const redactString = (text: string): string => redactor.string(text);
export const redactValue = <T>(input: T): T => redactor.value(input);
