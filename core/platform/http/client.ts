import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { createRedactor, redactValue } from '../secrets/redact.ts';
import { backoffDelay, defaultBackoff } from './backoff.ts';
import { createBreaker } from './breaker.ts';
import { classifyNetworkError, classifyStatus, parseBody, rateLimitedFailure, timeoutFailure, truncatedFailure, type Classified } from './classify.ts';
import { createEtagCache } from './etag-cache.ts';
import { isRateLimited, readRateHint } from './hints.ts';
import { createRateBudget, type BudgetSource } from './rate-budget.ts';
import { HttpFailure, type HttpClient, type HttpRequest, type HttpResponse, type HttpStats } from './types.ts';
import { createFailover } from './failover.ts';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_TAIL_READ_BYTES, readCapped, readTail, tooLargeFailure } from './body-cap.ts';
import { MAX_REDIRECTS, redirectDecision, signedDownloadDecision } from './redirects.ts';

/**
 * The resilient HTTP client every connector talks through: JSON in/out over fetch, with an exact rate budget,
 * server rate hints, same-origin redirects only, a response size cap, retries with full-jitter backoff for idempotent requests only, a per-request timeout,
 * a circuit breaker, an optional failover base URL and an ETag cache. Time is injected (clock + sleep), so
 * every wait is testable on a fake clock. Cockatiel is not used: its breaker reads Date.now() and its retry and
 * timeout call setTimeout directly, so neither can run on an injected clock; it also has no rate budget.
 */
export interface HttpClientOptions {
  baseUrl: string;
  failoverBaseUrl?: string;
  clock: Clock;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  timeoutMs?: number;
  retries?: number;
  budget?: BudgetSource;
  breaker?: { failureThreshold: number; halfOpenAfterMs: number };
  fetch?: typeof fetch;
  logger?: Logger;
  defaultHeaders?: () => Promise<Record<string, string>>;
  /** Longest server-imposed wait (Retry-After, rate reset) taken inside a request; longer → `rate_limited` at once. Default 60 s. */
  maxWaitMs?: number;
  /** How long requests stay on the failover URL before the primary is tried again. Default 5 min. */
  failoverStickyMs?: number;
  /** Backoff shape for retries. Default base 500 ms, cap 30 s. */
  backoff?: { baseMs: number; capMs: number };
  /** The vendor does not count a conditional request answered 304 (GitHub), so it costs no slot of the budget. */
  notModifiedIsFree?: boolean;
  /** Largest response body read, counted while streaming; more → `bad_response` naming the host. Default 5 MB. */
  maxBodyBytes?: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);
/** Failures that say "this base URL is down" (as opposed to "this request is wrong"). */
const SWITCH_KINDS = new Set(['unreachable', 'server', 'timeout']);
const SENSITIVE_HEADER = /^(authorization|proxy-authorization|cookie|x-n8n-api-key|x-api-key|.*token.*|.*secret.*|.*api-key.*)$/i;
const realSleep = (ms: number) => new Promise<void>((resolve) => { setTimeout(resolve, ms); });

function headersToRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => { out[key.toLowerCase()] = value; });
  return out;
}

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** A request path without its query: logs never hold a query string (cursors, keys some APIs take there). */
function pathOnly(path: string): string {
  const q = path.indexOf('?');
  return q < 0 ? path : path.slice(0, q);
}

function hostOf(base: string): string {
  try {
    return new URL(base).host;
  } catch {
    return base;
  }
}

type Attempt = { ok: true; response: HttpResponse<unknown> } | { ok: false; classified: Classified; hintAt: number | null };

export function createHttpClient(options: HttpClientOptions): HttpClient & { stats(): HttpStats } {
  const clock = options.clock;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const retries = options.retries ?? 3;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const backoff = options.backoff ?? defaultBackoff;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const breaker = createBreaker(options.breaker ?? { failureThreshold: 5, halfOpenAfterMs: 30_000 }, clock);
  const failover = createFailover(options.baseUrl, options.failoverBaseUrl, options.failoverStickyMs ?? 300_000, clock);
  const cache = createEtagCache();
  const counters = { requests: 0, retries: 0, failures: 0 };

  const tooLong = (waitMs: number, until: number) => {
    if (waitMs > maxWaitMs) {
      throw new HttpFailure('rate_limited', `${hostOf(failover.current())} asked Flowdeck to pause requests for ${Math.ceil(waitMs / 1000)} s; it can be tried again then.`, { retryAt: until });
    }
  };
  const budget = createRateBudget(options.budget ?? null, { clock, sleep, beforeBlockedWait: tooLong });

  // Credential values this client has sent: never echoed in its logs or failure messages (a vendor may quote them).
  const seen = createRedactor();
  const remember = (headers: Record<string, string>) => {
    for (const [key, value] of Object.entries(headers)) {
      if (!SENSITIVE_HEADER.test(key)) continue;
      seen.addSecret(value);
      const scheme = /^\S+\s+(\S{4,})$/.exec(value);
      if (scheme?.[1]) seen.addSecret(scheme[1]);
    }
  };
  const scrub = (failure: HttpFailure): HttpFailure => {
    return new HttpFailure(failure.kind, seen.string(failure.message), { status: failure.status, body: seen.value(failure.body), retryAt: failure.retryAt });
  };
  const log = (level: 'info' | 'warn', message: string, fields: Record<string, unknown>) => {
    options.logger?.[level](message, seen.value(redactValue(fields)));
  };

  async function attempt(base: string, req: HttpRequest, defaults: Record<string, string>): Promise<Attempt> {
    const host = hostOf(base);
    const limitMs = req.timeoutMs ?? timeoutMs;
    const headers: Record<string, string> = { accept: 'application/json', ...defaults };
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    Object.assign(headers, req.headers ?? {});
    remember(headers);
    const cached = req.etag && req.method === 'GET' ? cache.get(req.path) : undefined;
    if (cached) headers['if-none-match'] = cached.etag;

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; controller.abort(); }, limitMs);
    let res: Response;
    let text: string;
    try {
      let url = joinUrl(base, req.path);
      let method: string = req.method;
      let body = req.body === undefined ? undefined : JSON.stringify(req.body);
      let downloading = false;
      for (let hop = 0; ; hop += 1) {
        try {
          // Redirects are followed here, not by fetch: fetch keeps custom credential headers across origins.
          res = await doFetch(url, { method, headers, body, signal: controller.signal, redirect: 'manual' });
        } catch (error) {
          if (timedOut) return { ok: false, classified: timeoutFailure(host, limitMs), hintAt: null };
          return { ok: false, classified: classifyNetworkError(error, host), hintAt: null };
        }
        if (!REDIRECTS.has(res.status)) break;
        await res.body?.cancel().catch(() => undefined);
        // A signed download leaves the vendor's origin once, at its first redirect, and carries no header there.
        const leaving = req.signedDownload === true && !downloading && method === 'GET';
        const decision = hop >= MAX_REDIRECTS
          ? { ok: false as const, reason: `${host} kept redirecting (more than ${MAX_REDIRECTS} times); Flowdeck stopped following.` }
          : leaving ? signedDownloadDecision(new URL(url), res.headers.get('location')) : redirectDecision(new URL(url), res.headers.get('location'));
        if (!decision.ok) return { ok: false, classified: { failure: new HttpFailure('bad_response', decision.reason, { status: res.status }), retryable: false, breakerFailure: false, notSent: false }, hintAt: null };
        if (leaving) {
          downloading = true;
          for (const key of Object.keys(headers)) delete headers[key];
          headers['accept'] = '*/*';
        }
        url = decision.url;
        if (res.status === 303 && method !== 'HEAD' || (res.status === 301 || res.status === 302) && method === 'POST') {
          method = 'GET';
          body = undefined;
          delete headers['content-type'];
        }
      }
      try {
        if (req.tail && res.status >= 200 && res.status < 300) {
          const limit = req.tail.maxBytes ?? DEFAULT_MAX_TAIL_READ_BYTES;
          const read = await readTail(res, req.tail.bytes, limit);
          if (!read.ok) return { ok: false, classified: tooLargeFailure(host, limit), hintAt: null };
          return { ok: true, response: { status: res.status, headers: headersToRecord(res.headers), body: read.text, fromCache: false, tailCut: read.cut } };
        }
        const read = await readCapped(res, maxBodyBytes);
        if (!read.ok) return { ok: false, classified: tooLargeFailure(host, maxBodyBytes), hintAt: null };
        text = read.text;
      } catch {
        if (timedOut) return { ok: false, classified: timeoutFailure(host, limitMs), hintAt: null };
        return { ok: false, classified: truncatedFailure(host), hintAt: null };
      }
    } finally {
      clearTimeout(timer);
    }

    const now = clock.now();
    const resHeaders = headersToRecord(res.headers);
    if (res.status === 304 && cached) {
      return { ok: true, response: { status: cached.status, headers: { ...cached.headers, ...resHeaders }, body: cached.body, fromCache: true } };
    }
    const parsed = parseBody(text, resHeaders['content-type'] ?? '', res.status);
    // An error page in HTML (a proxy's 502, a login page's 401) still counts by its status; its markup is dropped.
    const body = parsed.ok ? parsed.body : null;
    const hint = readRateHint(res.status, resHeaders, body, now);
    if (hint.exhausted && hint.retryAt !== null) budget.blockUntil(hint.retryAt);

    if (isRateLimited(res.status, hint)) {
      if (hint.retryAt !== null) budget.blockUntil(hint.retryAt);
      return {
        ok: false,
        classified: { failure: rateLimitedFailure(res.status, body, host, hint.retryAt, now), retryable: true, breakerFailure: false, notSent: false },
        hintAt: hint.retryAt,
      };
    }
    if (res.status >= 200 && res.status < 300 || res.status === 304) {
      if (!parsed.ok) return { ok: false, classified: parsed.classified, hintAt: null };
      const etag = resHeaders['etag'];
      if (req.etag && req.method === 'GET' && etag && res.status === 200) {
        cache.set(req.path, { etag, status: res.status, headers: resHeaders, body: parsed.body });
      }
      return { ok: true, response: { status: res.status, headers: resHeaders, body: parsed.body, fromCache: false } };
    }
    return { ok: false, classified: classifyStatus(res.status, body, host, hint.retryAt), hintAt: hint.retryAt };
  }

  async function request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    const idempotent = req.idempotent ?? IDEMPOTENT.has(req.method);
    let retry = 0;
    let switchedThisCall = false;
    for (;;) {
      if (!breaker.tryEnter()) {
        counters.failures += 1;
        const at = breaker.reopensAt();
        throw new HttpFailure('circuit_open', `Flowdeck paused calls to ${hostOf(failover.current())} after ${breaker.consecutiveFailures()} failures in a row; it will try again ${at === null ? 'shortly' : `in ${Math.max(1, Math.ceil((at - clock.now()) / 1000))} s`}.`, { retryAt: at });
      }
      let defaults: Record<string, string>;
      let settled: (free?: boolean) => void = () => {};
      try {
        settled = await budget.acquire();
        // Per attempt, after any wait: a token refreshed meanwhile is used. Its errors (e.g. SecretStoreUnavailable,
        // a failed OAuth refresh) reach the caller unchanged.
        defaults = options.defaultHeaders ? await options.defaultHeaders() : {};
      } catch (error) {
        settled();
        breaker.abandon();
        counters.failures += 1;
        throw error;
      }
      const base = failover.current();
      counters.requests += 1;
      const result = await attempt(base, req, defaults).catch((error: unknown) => {
        settled();
        throw error;
      });
      settled(result.ok && result.response.fromCache && options.notModifiedIsFree === true);
      if (result.ok) {
        breaker.success();
        return result.response as HttpResponse<T>;
      }
      const { classified, hintAt } = result;
      if (classified.breakerFailure) breaker.failure();
      else breaker.success();
      const failure = scrub(classified.failure);
      log('warn', 'HTTP request failed', { method: req.method, path: pathOnly(req.path), host: hostOf(base), kind: failure.kind, status: failure.status, attempt: retry + 1, message: failure.message });

      // Primary unreachable or worn out: move to the failover URL (a POST only when it surely was never sent).
      const primaryDown = SWITCH_KINDS.has(failure.kind) && (classified.notSent || retry >= retries || !classified.retryable);
      if (failover.canSwitch(base) && !switchedThisCall && primaryDown && (idempotent || classified.notSent)) {
        failover.switchToFailover();
        switchedThisCall = true;
        retry = 0;
        log('warn', 'Switched to the failover URL', { from: hostOf(base), to: hostOf(failover.current()) });
        continue;
      }
      const breakerOpen = breaker.state() !== 'closed';
      if (classified.retryable && (idempotent || classified.notSent && failure.kind === 'unreachable') && retry < retries && !breakerOpen) {
        const now = clock.now();
        const delay = Math.max(backoffDelay(retry, random, backoff), hintAt === null ? 0 : hintAt - now);
        if (hintAt !== null && hintAt - now > maxWaitMs) {
          counters.failures += 1;
          throw failure;
        }
        retry += 1;
        counters.retries += 1;
        log('info', 'Retrying HTTP request', { method: req.method, path: pathOnly(req.path), delayMs: delay, attempt: retry + 1 });
        await sleep(delay);
        continue;
      }
      counters.failures += 1;
      throw failure;
    }
  }

  return {
    request,
    stats: () => ({ ...counters, budget: budget.usage(), breaker: breaker.state() }),
  };
}
