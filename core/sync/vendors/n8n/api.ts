import { HttpFailure, type HttpRequest } from '../../../platform/http/types.ts';
import { expiryWarning, formatDay, readJwtExpiry } from '../../../platform/secrets/jwt-expiry.ts';
import type { ConnectorDeps } from '../types.ts';

/**
 * The n8n public API v1 as the driver sees it: every request carries `X-N8N-API-KEY`, failures are HttpFailures
 * whose auth messages say what to do in n8n's words.
 */
export const WRONG_SERVER = 'That address answered, but not like an n8n API: check the URL (it should be the n8n instance address, e.g. https://n8n.example.com).';
export const NO_KEY = 'No n8n API key is stored for this connector: create one in n8n → Settings → n8n API and paste it in Connectors.';
const WHERE = 'n8n → Settings → n8n API';

export interface N8nApi {
  /** `/api/v1`, or '' when the connector's base URL already ends in it. */
  readonly prefix: string;
  call<T = unknown>(req: HttpRequest): Promise<T>;
  /** The key's expiry warning (JWT `exp`), if it expires within 14 days or has expired. */
  keyWarning(): Promise<string | null>;
}

function vendorSaid(body: unknown): string | null {
  const m = (body as { message?: unknown } | null)?.message;
  return typeof m === 'string' && m.trim() ? m.trim().slice(0, 200) : null;
}

/** Rephrases auth failures for n8n (an expired JWT says so); other failures pass through unchanged. */
function rephrase(error: unknown, key: string, now: number): unknown {
  if (!(error instanceof HttpFailure) || error.kind !== 'auth') return error;
  const extra = { status: error.status, body: error.body, retryAt: error.retryAt };
  if (error.status === 403) {
    const said = vendorSaid(error.body);
    return new HttpFailure('auth', `n8n refused access (403${said ? `: ${said}` : ''}): the API key lacks a scope Flowdeck needs ` +
      `(workflow:read, execution:list, execution:read). Create a key with those scopes in ${WHERE}.`, extra);
  }
  const exp = readJwtExpiry(key);
  const why = exp !== null && exp <= now
    ? `it expired on ${formatDay(exp)}`
    : 'it may be mistyped, revoked or expired';
  return new HttpFailure('auth', `n8n rejected the API key (401): ${why}. Create a new key in ${WHERE} and paste it in Connectors.`, extra);
}

export function createN8nApi(deps: ConnectorDeps): N8nApi {
  const prefix = /\/api\/v1\/?$/i.test(deps.config.baseUrl) ? '' : '/api/v1';
  return {
    prefix,
    async call<T>(req: HttpRequest): Promise<T> {
      const key = await deps.credential();
      if (!key) throw new HttpFailure('auth', NO_KEY);
      try {
        const res = await deps.http.request<T>({ ...req, path: `${prefix}${req.path}`, headers: { ...req.headers, 'X-N8N-API-KEY': key } });
        return res.body;
      } catch (error) {
        throw rephrase(error, key, deps.clock.now());
      }
    },
    async keyWarning() {
      const key = await deps.credential();
      return key ? expiryWarning(key, deps.clock.now())?.message ?? null : null;
    },
  };
}
