/**
 * The HTTP seam every connector talks through. The node implementation (core/platform/http/client.ts)
 * adds, per connector: a rate budget, timeouts, retries with backoff + jitter for idempotent requests only,
 * a circuit breaker, an optional failover base URL and ETag caching. Tests swap in fakes at this seam.
 */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** Path (and query) relative to the connector's base URL, e.g. `/api/v1/executions?limit=250`. */
  path: string;
  headers?: Record<string, string>;
  /** JSON body; serialised by the client. */
  body?: unknown;
  /** Override the client's default timeout for this request. */
  timeoutMs?: number;
  /** Safe to retry even though the method is not idempotent (e.g. a GitHub re-run is not; an n8n list POST is). */
  idempotent?: boolean;
  /** Use the ETag cache (GET only): a 304 answer returns the cached body with `fromCache: true`. */
  etag?: boolean;
  /**
   * Read a successful answer as plain text and keep only its last `bytes` bytes (a log's tail; the first, cut line is
   * dropped). `body` is then a string. The whole answer is still read, up to `maxBytes` (default 64 MB).
   */
  tail?: { bytes: number; maxBytes?: number };
  /**
   * The vendor answers with a redirect to a short-lived signed download URL on another host (GitHub's job logs):
   * follow it there, sending none of this request's headers (no credential), never from https to http.
   */
  signedDownload?: boolean;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON body (null for an empty body). */
  body: T;
  fromCache: boolean;
  /** For a `tail` read: true when the start of the answer was left out. */
  tailCut?: boolean;
}

/** Why a request failed, in words an owner can act on. Every failure the client throws is an HttpFailure. */
export type HttpFailureKind =
  | 'auth'          // 401/403: credentials rejected or missing a scope
  | 'not_found'     // 404
  | 'rate_limited'  // 429 (or GitHub 403 with x-ratelimit-remaining: 0) after the budget's retries
  | 'server'        // 5xx after retries
  | 'client'        // other 4xx (validation, invalid cursor …); `body` has the vendor's message
  | 'timeout'       // no answer within the timeout
  | 'unreachable'   // DNS, refused, reset
  | 'tls'           // certificate problems
  | 'bad_response'  // not JSON, truncated, HTML login page … (the API may have changed or a proxy is in the way)
  | 'circuit_open'; // the breaker is open: not tried

export class HttpFailure extends Error {
  override name = 'HttpFailure';
  readonly kind: HttpFailureKind;
  readonly status: number | null;
  readonly body: unknown;
  /** When the caller may try again (ms since epoch), if the server said. */
  readonly retryAt: number | null;
  constructor(kind: HttpFailureKind, message: string, extra: { status?: number | null; body?: unknown; retryAt?: number | null } = {}) {
    super(message);
    this.kind = kind;
    this.status = extra.status ?? null;
    this.body = extra.body;
    this.retryAt = extra.retryAt ?? null;
  }
}

export interface HttpClient {
  request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>>;
}

/** Counters a connector's client exposes for the Connectors page and the bench. */
export interface HttpStats {
  requests: number;
  retries: number;
  failures: number;
  /** Requests allowed in the current budget window and how many are used. */
  budget: { limit: number; used: number; windowMs: number } | null;
  breaker: 'closed' | 'open' | 'half_open';
}
