/**
 * What a secret looks like when it is typed into text: the registry's lint flags these in workflow definitions
 * (core/registry/scan.ts), and what a role without secrets receives has them hidden (redaction.ts).
 */
export const SECRET_PATTERNS: readonly { what: string; re: RegExp }[] = [
  { what: 'an API key', re: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}/ },
  { what: 'an AWS access key', re: /\bAKIA[0-9A-Z]{16}\b/ },
  { what: 'a GitHub token', re: /\bgh[pousr]_[A-Za-z0-9]{20,}/ },
  { what: 'a Slack token', re: /\bxox[abpr]-[A-Za-z0-9-]{10,}/ },
  { what: 'a bearer token', re: /\bBearer\s+[A-Za-z0-9._~+/=-]{16,}/ },
  { what: 'a URL with a user name and password', re: /\bhttps?:\/\/[^\s/:@]+:[^\s/@]+@/i },
  { what: 'a URL with a key in its query', re: /\bhttps?:\/\/\S+[?&](?:api[_-]?key|token|access_token|secret|password)=[^&\s]{6,}/i },
];

/** A field or header name whose value is a secret. */
export const SECRET_KEY = /^(?:password|passwd|secret|client_?secret|api_?key|apikey|token|access_?token|auth_?token)$/i;
