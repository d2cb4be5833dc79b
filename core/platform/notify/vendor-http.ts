import { readCapped } from '../http/body-cap.ts';
import { NotifyError } from './types.ts';

/** An error reply is read only this far: enough for its message, never a vendor's whole page. */
const MAX_REPLY_BYTES = 64 * 1024;
/** A Retry-After beyond this is taken as this: the outbox still gives up after its last attempt. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60_000;

/**
 * How the phone channels reach their vendor. `baseUrl` replaces the vendor's fixed address (tests point it at a
 * loopback fake); it is code configuration, never something the Settings page sets.
 */
export interface VendorOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface VendorReply {
  status: number;
  ok: boolean;
  headers: Headers;
  text: string;
  /** The body as JSON, or null when it is not JSON. */
  json: unknown;
}

/**
 * POSTs JSON to a vendor and returns its answer. Never follows a redirect (the address may carry a token: Telegram's
 * bot token, Discord's webhook token). Failures name the vendor and host, never the full address.
 */
export async function vendorPost(vendor: string, url: string, body: string, headers: Record<string, string>, options: VendorOptions = {}): Promise<VendorReply> {
  const host = new URL(url).host;
  let res: Response;
  try {
    res = await (options.fetch ?? fetch)(url, {
      method: 'POST', body, headers: { 'content-type': 'application/json', ...headers },
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000), redirect: 'manual',
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const why = (error as Error).name === 'TimeoutError' ? 'it did not answer in time' : cause ?? 'the connection failed';
    throw new NotifyError(`Could not reach ${vendor} at ${host}: ${why}.`, true);
  }
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel().catch(() => undefined);
    throw new NotifyError(`${vendor} at ${host} answered with a redirect. Flowdeck does not follow it, so the alert and its token go only where you said: check the address.`, false);
  }
  const capped = await readCapped(res, MAX_REPLY_BYTES).catch(() => ({ ok: true as const, text: '' }));
  const text = capped.ok ? capped.text : '';
  return { status: res.status, ok: res.ok, headers: res.headers, text, json: parseJson(text) };
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) as unknown : null;
  } catch {
    return null;
  }
}

/**
 * The wait a vendor asked for, in ms: the `Retry-After` header in seconds (an HTTP date is ignored: the outbox's own
 * backoff applies) and/or a `retry_after` in the body, in seconds; the longer one, at most MAX_RETRY_AFTER_MS.
 */
export function retryAfterMs(reply: Pick<VendorReply, 'headers'>, bodySeconds?: unknown): number | null {
  const waits: number[] = [];
  const header = reply.headers.get('retry-after');
  if (header !== null && /^\s*\d+(\.\d+)?\s*$/.test(header)) waits.push(Number(header) * 1000);
  if (typeof bodySeconds === 'number' && Number.isFinite(bodySeconds) && bodySeconds >= 0) waits.push(bodySeconds * 1000);
  if (!waits.length) return null;
  return Math.min(Math.ceil(Math.max(...waits)), MAX_RETRY_AFTER_MS);
}

/** Removes every secret from a text a vendor sent back, should it ever echo one. */
export function redact(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('[hidden]');
  return out;
}

const seconds = (ms: number) => (ms < 1000 ? 'a second' : ms < 120_000 ? `${Math.ceil(ms / 1000)} s` : `${Math.ceil(ms / 60_000)} min`);

/**
 * The error for a reply that was not a success. 429 and 5xx are retried (after `waitMs` when the vendor said so);
 * any other status will not get better by retrying, so it fails at once with `plain`, the vendor's reason in words.
 */
export function vendorFailure(vendor: string, reply: VendorReply, plain: string, waitMs: number | null, secrets: readonly (string | null | undefined)[]): NotifyError {
  const retryable = reply.status === 429 || reply.status >= 500;
  const wait = waitMs !== null ? ` ${vendor} asked to wait ${seconds(waitMs)}; Flowdeck retries after that.` : retryable ? ' Flowdeck retries later.' : '';
  return new NotifyError(redact(`${plain}${wait}`, secrets), retryable, retryable ? waitMs : null);
}

/** Cuts a text to `max` characters, ending with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Whether a host is this machine (where plain http cannot be overheard). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}
