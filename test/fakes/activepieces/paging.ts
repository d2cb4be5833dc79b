/**
 * Activepieces' seek paging, as docs/vendors.md A3 and A4 record it: `limit` (default 10), an opaque `cursor`, and
 * answers `{ data, next, previous }`. The cursor names the `created` time of the page's edge row, and the next page
 * holds rows whose `created` is in an EARLIER WHOLE SECOND than that row's (A4): rows sharing the edge row's second
 * but left off the page are never listed by `next`. Items arrive sorted newest first.
 */
export interface SeekAnswer<T> {
  data: T[];
  next: string | null;
  previous: string | null;
}

const b64 = (s: string) => Buffer.from(s, 'binary').toString('base64');
const unb64 = (s: string) => Buffer.from(s, 'base64').toString('binary');

/** `base64('next_' + base64('created:<ms>'))`, the way Activepieces builds it. */
function encode(direction: 'next' | 'prev', createdMs: number): string {
  return b64(`${direction}_${b64(`created:${createdMs}`)}`);
}

function decode(cursor: string): { direction: 'next' | 'prev'; at: number } | null {
  const outer = unb64(cursor);
  const direction = outer.startsWith('next_') ? 'next' : outer.startsWith('prev_') ? 'prev' : null;
  const inner = /^created:(\d+)$/.exec(unb64(outer.split('_')[1] ?? ''));
  return direction && inner ? { direction, at: Number(inner[1]) } : null;
}

const second = (ms: number) => Math.floor(ms / 1000);

/** One page of `items` (newest first); null when `limit` or `cursor` is not valid. */
export function seekPage<T>(items: readonly T[], q: URLSearchParams, createdOf: (t: T) => number): SeekAnswer<T> | null {
  const rawLimit = q.get('limit');
  const limit = rawLimit === null ? 10 : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1) return null;
  const rawCursor = q.get('cursor');
  const cursor = rawCursor ? decode(rawCursor) : null;
  if (rawCursor && !cursor) return null;
  let rest: readonly T[] = items;
  if (cursor?.direction === 'next') rest = items.filter((t) => second(createdOf(t)) < second(cursor.at));
  if (cursor?.direction === 'prev') {
    const newer = items.filter((t) => second(createdOf(t)) > second(cursor.at));
    rest = newer.slice(Math.max(0, newer.length - limit));
  }
  const data = rest.slice(0, limit);
  const more = rest.length > limit;
  return {
    data,
    next: more && data.length ? encode('next', createdOf(data[data.length - 1]!)) : null,
    previous: cursor && data.length ? encode('prev', createdOf(data[0]!)) : null,
  };
}
