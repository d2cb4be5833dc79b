import { HttpFailure, type HttpRequest } from '../../../platform/http/types.ts';
import type { ConnectorDeps } from '../types.ts';

/**
 * The Activepieces REST API as the driver sees it (docs/vendors.md A1–A3, A9): every request carries the platform
 * API key as a Bearer token, list requests name the project, lists come back as `{ data, next, previous }`, and auth
 * failures are rephrased in words an owner can act on.
 */
export const WRONG_SERVER = 'That address answered, but not like the Activepieces API: check the address (it should be the one you open '
  + 'Activepieces at, e.g. https://cloud.activepieces.com).';
export const NO_KEY = 'No Activepieces API key is stored for this connector: create one in the Activepieces Platform Dashboard → API Keys and paste it in Connectors.';
export const NO_PROJECT = 'This connector has no Activepieces project id: edit it in Connectors (the id follows /projects/ in the address bar).';
const WHERE = 'the Activepieces Platform Dashboard → API Keys';

export interface SeekPage {
  data: unknown[];
  next: string | null;
}

export interface ActivepiecesApi {
  readonly projectId: string;
  /** The web address of the instance (the connector's address without `/api/v1`), for deep links. */
  readonly instanceUrl: string;
  /** `GET /v1/<path>` with the query given (empty values left out). */
  get<T = unknown>(path: string, query?: Record<string, string | number | undefined>): Promise<T>;
  /** A list endpoint: its `{ data, next }`, or `bad_response` when the answer is not shaped like one (A3). */
  list(path: string, query: Record<string, string | number | undefined>): Promise<SeekPage>;
  post<T = unknown>(path: string, body: unknown): Promise<T>;
}

/** The instance address, without trailing slashes or a pasted `/api` or `/api/v1`. */
export function instanceUrlOf(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '').replace(/\/api(\/v1)?$/i, '').replace(/\/+$/, '');
}

/** The path prefix (up to `/api/v1`) the connector's base URL still needs (A1). */
function prefixOf(baseUrl: string): string {
  const url = baseUrl.trim().replace(/\/+$/, '');
  if (/\/api\/v1$/i.test(url)) return '';
  if (/\/api$/i.test(url)) return '/v1';
  return '/api/v1';
}

/** A9: Activepieces errors are `{ code, params: { message? } }`. */
function vendorSaid(body: unknown): string | null {
  const b = body as { code?: unknown; params?: { message?: unknown } } | null;
  const message = b?.params?.message;
  const said = typeof message === 'string' && message.trim() ? message.trim() : typeof b?.code === 'string' ? b.code : null;
  return said ? said.slice(0, 200) : null;
}

/** Rephrases auth failures (A2, A9); other failures pass through unchanged. */
function rephrase(error: unknown, key: string, projectId: string): unknown {
  if (!(error instanceof HttpFailure) || error.kind !== 'auth') return error;
  const extra = { status: error.status, body: error.body, retryAt: error.retryAt };
  const said = vendorSaid(error.body);
  if (error.status === 403) {
    return new HttpFailure('auth', `Activepieces refused access to project ${projectId} (403${said ? `: ${said}` : ''}): the project id may be wrong, `
      + 'or the project is not on the API key\'s platform.', extra);
  }
  // A1: a platform API key starts with `sk-`; anything else is read as a user's session token.
  const shape = key.startsWith('sk-') ? '' : ' Activepieces API keys start with "sk-".';
  return new HttpFailure('auth', `Activepieces rejected the API key (401${said ? `: ${said}` : ''}): it may be mistyped or deleted.${shape} `
    + `Create one in ${WHERE} and paste it in Connectors.`, extra);
}

function queryText(query: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A3: `{ data: [...], next, previous }`; anything else is not this API (or a proxy answered). */
export function readSeekPage(body: unknown, what: string): SeekPage {
  const b = body as { data?: unknown; next?: unknown } | null;
  const nextOk = b?.next === undefined || b.next === null || typeof b.next === 'string';
  if (!b || typeof b !== 'object' || !Array.isArray(b.data) || !nextOk) {
    throw new HttpFailure('bad_response', `${WRONG_SERVER} (${what} did not return an Activepieces list)`, { body: null });
  }
  return { data: b.data as unknown[], next: typeof b.next === 'string' && b.next ? b.next : null };
}

export function createActivepiecesApi(deps: ConnectorDeps): ActivepiecesApi {
  const prefix = prefixOf(deps.config.baseUrl);
  const raw = deps.config.options['projectId'];
  const projectId = typeof raw === 'string' ? raw.trim() : '';

  async function call<T>(req: HttpRequest): Promise<T> {
    const key = await deps.credential();
    if (!key) throw new HttpFailure('auth', NO_KEY);
    if (!projectId) throw new HttpFailure('client', NO_PROJECT);
    try {
      const res = await deps.http.request<T>({ ...req, path: `${prefix}${req.path}`, headers: { ...req.headers, authorization: `Bearer ${key}` } });
      return res.body;
    } catch (error) {
      throw rephrase(error, key, projectId);
    }
  }

  const api: ActivepiecesApi = {
    projectId,
    instanceUrl: instanceUrlOf(deps.config.baseUrl),
    get: <T>(path: string, query: Record<string, string | number | undefined> = {}) => call<T>({ method: 'GET', path: `${path}${queryText(query)}` }),
    list: async (path, query) => readSeekPage(await api.get(path, { ...query, projectId }), `GET /v1${path}`),
    // Setting a flow's status is idempotent (the same status twice is the same state), so the client may retry it.
    post: <T>(path: string, body: unknown) => call<T>({ method: 'POST', path, body, idempotent: true }),
  };
  return api;
}
