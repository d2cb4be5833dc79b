import { HttpFailure, type HttpResponse } from '../../../platform/http/types.ts';
import type { ConnectorDeps } from '../types.ts';

/** `rel` → URL from a `Link` header (`<…?page=2>; rel="next", <…?page=5>; rel="last"`). */
export function parseLinks(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?([\w-]+)"?/.exec(part.trim());
    if (m) out[m[2]!] = m[1]!;
  }
  return out;
}

/** Repositories to watch, `owner/name`, from the connector options (bad entries are reported, not guessed). */
export function githubRepos(options: Record<string, unknown>): { repos: string[]; invalid: string[] } {
  const raw = options['repos'];
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[\s,]+/) : [];
  const repos: string[] = [];
  const invalid: string[] = [];
  for (const item of list) {
    const text = typeof item === 'string' ? item.trim().replace(/^https:\/\/github\.com\//, '').replace(/\/+$/, '') : '';
    if (!text) continue;
    if (/^[\w.-]+\/[\w.-]+$/.test(text)) {
      if (!repos.includes(text)) repos.push(text);
    } else invalid.push(String(item));
  }
  return { repos, invalid };
}

export interface GithubApi {
  get<T>(path: string, options?: { etag?: boolean }): Promise<HttpResponse<T>>;
  send<T>(method: 'POST' | 'PUT', path: string, body: unknown, idempotent: boolean): Promise<HttpResponse<T>>;
  /** A `Link` URL as a path for the client (its base URL's own path prefix removed; any host accepted). */
  pathOf(url: string): string;
  /** A plain-text download behind a redirect to a signed URL (job logs), its last `tailBytes` bytes only. */
  download(path: string, tailBytes: number): Promise<{ text: string; cut: boolean }>;
}

/** GitHub REST over the connector's HTTP client: `Authorization: Bearer …`, the v3 media type and API version. */
export function createGithubApi(deps: ConnectorDeps): GithubApi {
  const basePath = (() => {
    try {
      return new URL(deps.config.baseUrl).pathname.replace(/\/+$/, '');
    } catch {
      return '';
    }
  })();

  async function headers(): Promise<Record<string, string>> {
    const token = await deps.credential();
    if (!token) throw new HttpFailure('auth', 'No GitHub token is stored for this connector: add one (GitHub → Settings → Developer settings → Personal access tokens).');
    return { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };
  }

  return {
    async get<T>(path: string, options: { etag?: boolean } = {}) {
      return deps.http.request<T>({ method: 'GET', path, headers: await headers(), etag: options.etag ?? true });
    },
    async send<T>(method: 'POST' | 'PUT', path: string, body: unknown, idempotent: boolean) {
      return deps.http.request<T>({ method, path, headers: await headers(), body, idempotent });
    },
    async download(path: string, tailBytes: number) {
      // Counted once against the budget; the token goes to GitHub only, never to the host it redirects to. // docs/vendors.md G12
      const res = await deps.http.request<unknown>({ method: 'GET', path, headers: await headers(), tail: { bytes: tailBytes }, signedDownload: true });
      const text = typeof res.body === 'string' ? res.body : '';
      return { text, cut: res.tailCut === true };
    },
    pathOf(url: string): string {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new HttpFailure('bad_response', `GitHub sent a paging link that is not a URL (${url.slice(0, 200)}).`);
      }
      const path = parsed.pathname.startsWith(`${basePath}/`) ? parsed.pathname.slice(basePath.length) : parsed.pathname;
      return `${path}${parsed.search}`;
    },
  };
}

/** The list under `key` in a GitHub answer, or a `bad_response` failure naming what is missing. */
export function listIn<T>(body: unknown, key: string, path: string): T[] {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  if (!Array.isArray(value)) {
    throw new HttpFailure('bad_response', `GitHub answered ${path.split('?')[0]} without a "${key}" list — the API may have changed or a proxy is in the way.`);
  }
  return value as T[];
}

export function totalCount(body: unknown): number | null {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)['total_count'] : undefined;
  return typeof v === 'number' ? v : null;
}

/** `owner/repo` as a path segment pair (each part URL-encoded). */
export function repoPath(repo: string): string {
  return repo.split('/').map(encodeURIComponent).join('/');
}
