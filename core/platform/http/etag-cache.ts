/** A small LRU of GET answers keyed by path, so `If-None-Match` can turn a 304 back into the cached body. */
export interface CachedAnswer {
  etag: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface EtagCache {
  get(key: string): CachedAnswer | undefined;
  set(key: string, answer: CachedAnswer): void;
  delete(key: string): void;
  size(): number;
}

export function createEtagCache(maxEntries = 500): EtagCache {
  const entries = new Map<string, CachedAnswer>();
  return {
    get(key) {
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit);
      }
      return hit;
    },
    set(key, answer) {
      entries.delete(key);
      entries.set(key, answer);
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
    },
    delete: (key) => { entries.delete(key); },
    size: () => entries.size,
  };
}
