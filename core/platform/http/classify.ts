import { redactString } from '../secrets/redact.ts';
import { HttpFailure } from './types.ts';

/**
 * Turns what went wrong into an HttpFailure with a message an owner can act on, plus the facts the retry loop
 * needs: may it be retried (for idempotent requests), does it count against the circuit breaker, and was the
 * request certainly never sent (so even a POST may go to the failover URL).
 */
export interface Classified {
  failure: HttpFailure;
  retryable: boolean;
  breakerFailure: boolean;
  notSent: boolean;
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_REVOKED', 'CERT_UNTRUSTED', 'CERT_REJECTED', 'CERT_SIGNATURE_FAILURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'EPROTO',
]);
const PROTOCOL_CODES = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'EPROTO', 'ERR_SSL_PACKET_LENGTH_TOO_LONG']);
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED', 'ETIMEDOUT']);

/** Collects every `code` along an error's `cause` chain (and inside AggregateErrors). */
export function errorCodes(error: unknown, depth = 0): string[] {
  if (!error || typeof error !== 'object' || depth > 5) return [];
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const codes = typeof e.code === 'string' ? [e.code] : [];
  if (Array.isArray(e.errors)) for (const inner of e.errors) codes.push(...errorCodes(inner, depth + 1));
  return [...codes, ...errorCodes(e.cause, depth + 1)];
}

function innermostMessage(error: unknown): string {
  let current: unknown = error;
  let message = '';
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (current.message) message = current.message;
    current = (current as { cause?: unknown }).cause;
  }
  return redactString(message);
}

const PLAIN_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused — is the service running and the port right?',
  ENOTFOUND: 'the host name could not be found — check the address.',
  EAI_AGAIN: 'the host name could not be looked up right now — check the network.',
  EHOSTUNREACH: 'no route to the host — check the network.',
  ENETUNREACH: 'the network is unreachable.',
  UND_ERR_CONNECT_TIMEOUT: 'the connection attempt timed out.',
};

export function classifyNetworkError(error: unknown, host: string): Classified {
  const codes = errorCodes(error);
  const tls = codes.find((c) => TLS_CODES.has(c) || c.startsWith('CERT_') || c.includes('SELF_SIGNED') || c.startsWith('ERR_TLS'));
  if (tls) {
    const certificate = !PROTOCOL_CODES.has(tls);
    return {
      failure: new HttpFailure('tls', certificate
        ? `The certificate of ${host} could not be verified (${tls}). If this server uses a private or self-signed certificate, its authority must be trusted on this machine.`
        : `A secure connection to ${host} could not be set up (${tls}) — does the address start with https:// while the server only speaks http?`),
      retryable: false, breakerFailure: true, notSent: true,
    };
  }
  const notSent = codes.find((c) => NOT_SENT_CODES.has(c));
  if (notSent) {
    return {
      failure: new HttpFailure('unreachable', `Could not reach ${host}: ${PLAIN_CODES[notSent] ?? `${notSent}.`}`),
      retryable: true, breakerFailure: true, notSent: true,
    };
  }
  const reset = codes.find((c) => RESET_CODES.has(c));
  const detail = innermostMessage(error);
  return {
    failure: new HttpFailure('unreachable', reset
      ? `The connection to ${host} was dropped (${reset}) before an answer arrived.`
      : `Could not reach ${host}${detail ? ` (${detail})` : ''}.`),
    retryable: true, breakerFailure: true, notSent: false,
  };
}

export function timeoutFailure(host: string, timeoutMs: number): Classified {
  const seconds = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 100) / 10} s` : `${timeoutMs} ms`;
  return {
    failure: new HttpFailure('timeout', `${host} did not answer within ${seconds}.`),
    retryable: true, breakerFailure: true, notSent: false,
  };
}

export function truncatedFailure(host: string): Classified {
  return {
    failure: new HttpFailure('bad_response', `The answer from ${host} was cut off before it was complete — the connection dropped mid-way.`),
    retryable: true, breakerFailure: true, notSent: false,
  };
}

export const HTML_MESSAGE = 'The server answered with a web page instead of data — a proxy or login page may be in the way.';

export type ParsedBody = { ok: true; body: unknown } | { ok: false; classified: Classified };

/** Parses a response body as JSON; HTML and malformed or truncated JSON become `bad_response`. */
export function parseBody(text: string, contentType: string, status: number): ParsedBody {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, body: null };
  const looksHtml = /text\/html|application\/xhtml/i.test(contentType) || /^<(!doctype|html|head|body|\?xml)/i.test(trimmed);
  if (looksHtml) {
    return { ok: false, classified: { failure: new HttpFailure('bad_response', HTML_MESSAGE, { status }), retryable: false, breakerFailure: true, notSent: false } };
  }
  try {
    return { ok: true, body: JSON.parse(trimmed) as unknown };
  } catch {
    // A JSON-ish body that fails to parse, or any non-JSON text: the API changed, or something is in between.
    const isJsonType = /json/i.test(contentType) || /^[[{"]/.test(trimmed);
    if (!isJsonType && status >= 400) return { ok: true, body: trimmed.slice(0, 2000) };
    return {
      ok: false,
      classified: {
        failure: new HttpFailure('bad_response', 'The server sent data that is not valid JSON (malformed or incomplete) — the API may have changed or a proxy is in the way.', { status }),
        retryable: false, breakerFailure: true, notSent: false,
      },
    };
  }
}

function vendorMessage(body: unknown): string {
  if (typeof body === 'string') return redactString(body.slice(0, 300));
  if (body && typeof body === 'object') {
    const r = body as Record<string, unknown>;
    const parts = [r['detail'], r['message'], r['error'], r['error_description']].filter((v): v is string => typeof v === 'string' && v.length > 0);
    return redactString((parts[0] ?? '').slice(0, 300));
  }
  return '';
}

/** Classifies a non-2xx/304 answer that was not a rate limit. */
export function classifyStatus(status: number, body: unknown, host: string, retryAt: number | null): Classified {
  const said = vendorMessage(body);
  const suffix = said ? `: ${said}` : '.';
  const extra = { status, body, retryAt };
  if (status === 401) return { failure: new HttpFailure('auth', 'Credentials were rejected (401).', extra), retryable: false, breakerFailure: false, notSent: false };
  if (status === 403) return { failure: new HttpFailure('auth', `Access was refused (403) — the credentials may lack a permission or scope${suffix}`, extra), retryable: false, breakerFailure: false, notSent: false };
  if (status === 404) return { failure: new HttpFailure('not_found', `${host} has no such resource (404)${suffix}`, extra), retryable: false, breakerFailure: false, notSent: false };
  if (status === 408) return { failure: new HttpFailure('timeout', `${host} gave up waiting for the request (408).`, extra), retryable: true, breakerFailure: true, notSent: false };
  if (status >= 500) return { failure: new HttpFailure('server', `${host} had a problem answering (${status})${suffix}`, extra), retryable: true, breakerFailure: true, notSent: false };
  return { failure: new HttpFailure('client', `${host} rejected the request (${status})${suffix}`, extra), retryable: false, breakerFailure: false, notSent: false };
}

export function rateLimitedFailure(status: number, body: unknown, host: string, retryAt: number | null, clockNow: number): HttpFailure {
  const when = retryAt === null ? 'later' : `in ${Math.max(1, Math.ceil((retryAt - clockNow) / 1000))} s`;
  return new HttpFailure('rate_limited', `${host} says its rate limit is reached (${status}); it can be tried again ${when}.`, { status, body, retryAt });
}
