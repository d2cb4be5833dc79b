import { HttpFailure } from '../../../platform/http/types.ts';
import type { ConnectorDeps } from '../types.ts';

/** Query values; arrays repeat the key (`cols[]=id&cols[]=name`). */
export type Query = Record<string, string | number | boolean | undefined | (string | number)[]>;

export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Which organisation (or team) the connector watches, from the connector options. */
export interface MakeScope {
  organizationId: number | null;
  teamId: number | null;
}

function positiveInt(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : null;
}

export function makeScope(options: Record<string, unknown>): MakeScope {
  return { organizationId: positiveInt(options['organizationId']), teamId: positiveInt(options['teamId']) };
}

/** `organizationId=…` (or `teamId=…`) for the scenario list; throws a plain failure when neither is set. */
export function scopeQuery(scope: MakeScope): Query {
  if (scope.organizationId !== null) return { organizationId: scope.organizationId };
  if (scope.teamId !== null) return { teamId: scope.teamId };
  throw new HttpFailure('client', 'This Make connector has no organisation id: set the organisation id (Make → Organization → the number in the address bar).');
}

export interface MakeApi {
  /** Zone URL without the API suffix, for deep links. */
  zoneUrl: string;
  get<T>(path: string, query?: Query): Promise<T>;
  post<T>(path: string, body: unknown, idempotent: boolean): Promise<T>;
}

/** Thin Make API v2 access over the connector's HTTP client: API prefix, `Authorization: Token …`. */
export function createMakeApi(deps: ConnectorDeps): MakeApi {
  const base = deps.config.baseUrl.replace(/\/+$/, '');
  const prefix = /\/api\/v2$/.test(base) ? '' : '/api/v2';
  const zoneUrl = base.replace(/\/api\/v2$/, '');

  async function headers(): Promise<Record<string, string>> {
    const token = await deps.credential();
    if (!token) throw new HttpFailure('auth', 'No Make API token is stored for this connector: add one (Make → Profile → API access).');
    return { authorization: `Token ${token}` };
  }

  return {
    zoneUrl,
    async get<T>(path: string, query: Query = {}): Promise<T> {
      const res = await deps.http.request<T>({ method: 'GET', path: `${prefix}${path}${queryString(query)}`, headers: await headers() });
      return res.body;
    },
    async post<T>(path: string, body: unknown, idempotent: boolean): Promise<T> {
      const res = await deps.http.request<T>({ method: 'POST', path: `${prefix}${path}`, headers: await headers(), body, idempotent });
      return res.body;
    },
  };
}

/** The list under `key` in a Make answer, or a `bad_response` failure naming what is missing. */
export function listIn<T>(body: unknown, key: string, path: string): T[] {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  if (!Array.isArray(value)) {
    throw new HttpFailure('bad_response', `Make answered ${path} without a "${key}" list — the API may have changed or a proxy is in the way.`);
  }
  return value as T[];
}

export function objectIn<T>(body: unknown, key: string, path: string): T {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpFailure('bad_response', `Make answered ${path} without a "${key}" object — the API may have changed or a proxy is in the way.`);
  }
  return value as T;
}

/** The page size the server says it used (`pg.limit` echo), else what was asked. */
export function echoedLimit(body: unknown, asked: number): number {
  const pg = body && typeof body === 'object' ? (body as Record<string, unknown>)['pg'] : undefined;
  const limit = pg && typeof pg === 'object' ? (pg as Record<string, unknown>)['limit'] : undefined;
  return typeof limit === 'number' && limit > 0 ? Math.min(limit, asked) : asked;
}
