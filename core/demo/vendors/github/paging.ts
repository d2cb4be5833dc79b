/**
 * GitHub-style list paging for the fake: `per_page` (≤ 100, default 30) and `page`, a `Link` header built from the
 * request's own query, and the 1,000-result cap that applies when a search filter (`created`, `status` …) is used.
 */
export type Json = Record<string, unknown>;

export interface ListAnswer {
  status: number;
  body: Json;
  headers: Record<string, string>;
}

export const FILTERS = ['actor', 'branch', 'check_suite_id', 'created', 'event', 'head_sha', 'status'];

function linkFor(origin: string, url: URL, page: number): string {
  const u = new URL(`${origin}${url.pathname}`);
  for (const [k, v] of url.searchParams) if (k !== 'page') u.searchParams.append(k, v);
  u.searchParams.set('page', String(page));
  return `<${u.toString()}>`;
}

/** A page of `items` under `key`, with `total_count` and the Link header GitHub would send. */
export function pageOf(origin: string, url: URL, items: Json[], key: string, page: number, perPage: number, total: number): ListAnswer {
  const filtered = FILTERS.some((f) => url.searchParams.has(f));
  const available = filtered ? items.slice(0, 1000) : items;
  const last = Math.max(1, Math.ceil(available.length / perPage));
  const links: string[] = [];
  if (page < last) links.push(`${linkFor(origin, url, page + 1)}; rel="next"`, `${linkFor(origin, url, last)}; rel="last"`);
  if (page > 1) links.push(`${linkFor(origin, url, 1)}; rel="first"`, `${linkFor(origin, url, page - 1)}; rel="prev"`);
  return {
    status: 200,
    body: { total_count: total, [key]: available.slice((page - 1) * perPage, page * perPage) },
    headers: links.length ? { link: links.join(', ') } : {},
  };
}

export function pageParams(url: URL): { page: number; perPage: number } {
  const per = Number(url.searchParams.get('per_page') ?? 30);
  const page = Number(url.searchParams.get('page') ?? 1);
  return {
    perPage: Number.isInteger(per) && per > 0 ? Math.min(100, per) : 30,
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** GitHub search syntax for `created`: `>=X`, `>X`, `<=X`, `<X`, `X..Y`, or a day `YYYY-MM-DD`. */
export function createdMatches(filter: string, ms: number): boolean {
  const t = (s: string) => Date.parse(/T/.test(s) ? s : `${s}T00:00:00Z`);
  const range = /^(.+)\.\.(.+)$/.exec(filter);
  if (range) return (range[1] === '*' || ms >= t(range[1]!)) && (range[2] === '*' || ms <= t(range[2]!));
  const m = /^(>=|<=|>|<)(.+)$/.exec(filter);
  if (m) {
    const x = t(m[2]!);
    return m[1] === '>=' ? ms >= x : m[1] === '>' ? ms > x : m[1] === '<=' ? ms <= x : ms < x;
  }
  const day = t(filter);
  return ms >= day && ms < day + 86_400_000;
}
