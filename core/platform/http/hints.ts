/**
 * Reads the rate-limit hints vendors send back and turns them into "wait until" times on the client's clock.
 * - `Retry-After`: seconds or an HTTP date (all vendors, GitHub secondary limits).
 * - `X-RateLimit-Remaining: 0` + `X-RateLimit-Reset`: epoch seconds (GitHub, Zapier) or, when small, seconds
 *   from now (n8n's value is not documented; a value below 10^9 cannot be an epoch time).
 * - Make's 429 carries no header, only the message "Requests limit for organization exceeded…";
 *   GitHub's secondary limit says "secondary rate limit" — both mean "wait about a minute".
 */
export interface RateHint {
  /** When requests may resume (ms on the client's clock), if the server said or implied it. */
  retryAt: number | null;
  /** The server says the quota is spent (GitHub answers 403 with this instead of 429). */
  exhausted: boolean;
}

const MINUTE = 60_000;

export function parseRetryAfter(value: string | undefined, now: number): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return now + Math.ceil(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(now, date);
}

export function parseRateLimitReset(value: string | undefined, now: number): number | null {
  if (value === undefined || !/^\d+(\.\d+)?$/.test(value.trim())) return null;
  const n = Number(value.trim());
  return n >= 1e9 ? Math.ceil(n * 1000) : now + Math.ceil(n * 1000);
}

function messageOf(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    return [record['message'], record['detail'], record['error']].filter((v) => typeof v === 'string').join(' ');
  }
  return '';
}

export function readRateHint(status: number, headers: Record<string, string>, body: unknown, now: number): RateHint {
  const remaining = headers['x-ratelimit-remaining'];
  const exhausted = remaining !== undefined && Number(remaining.trim()) === 0;
  const retryAfter = parseRetryAfter(headers['retry-after'], now);
  if (retryAfter !== null) return { retryAt: retryAfter, exhausted };
  if (exhausted) {
    const reset = parseRateLimitReset(headers['x-ratelimit-reset'], now);
    if (reset !== null) return { retryAt: Math.max(now, reset), exhausted };
  }
  if (status === 429 || status === 403) {
    const message = messageOf(body).toLowerCase();
    if (message.includes('requests limit for organization exceeded') || message.includes('secondary rate limit')) {
      return { retryAt: now + MINUTE, exhausted: true };
    }
  }
  return { retryAt: null, exhausted };
}

/** GitHub signals a spent quota with 403 (or 429); other vendors use 429. */
export function isRateLimited(status: number, hint: RateHint): boolean {
  return status === 429 || (status === 403 && (hint.exhausted || hint.retryAt !== null));
}
