import { HttpFailure } from '../../../platform/http/types.ts';
import type { Logger } from '../../../platform/logger.ts';
import type { Zap } from './mapper.ts';
import { readZapsPage } from './page.ts';

/**
 * The Zaps a key may list, and switching one on or off (docs/vendors.md Z1–Z3, Z8).
 * - A key with `zap:account:all` sees Zaps shared with the user only when asked with `include_shared=true`; without
 *   that scope the fake (and, we assume, Zapier) refuses the parameter with 403. So the first listing per key asks
 *   with it and, refused, lists without it from then on.
 * - Zapier's enable/disable take the id `GET /v2/zaps` lists (UUID-shaped), while Flowdeck stores the integer key, so
 *   the listed ids are remembered by key.
 */

export const ZAP_SWITCH_REFUSED = 'Zapier does not let Flowdeck switch this Zap on or off with this key; switch it in Zapier.';

export interface ZapSourceDeps {
  connectorId: string;
  token(): Promise<string | null>;
  get(path: string): Promise<unknown>;
  post(path: string): Promise<unknown>;
  key(raw: string | number): string;
  pageSize: number;
  logger: Logger;
}

export interface ZapListing {
  zaps: Zap[];
  /** The key saw Zaps shared with the user (it has `zap:account:all`). */
  shared: boolean;
}

const MAX_PAGES = 1000;
const refused = (e: unknown) => e instanceof HttpFailure && (e.kind === 'not_found' || (e.kind === 'auth' && e.status === 403));

export function createZapSource(d: ZapSourceDeps) {
  let sharedFor: { token: string | null; shared: boolean | null } = { token: null, shared: null };
  const listedIds = new Map<string, { id: string | number; title: string | null }>();

  const page = async (offset: number, shared: boolean) => {
    const q = new URLSearchParams({ limit: String(d.pageSize), offset: String(offset) });
    if (shared) q.set('include_shared', 'true');
    return readZapsPage(await d.get(`/v2/zaps?${q.toString()}`));
  };

  /** The first page, with shared Zaps when the key may see them (asked once per key). */
  async function firstPage() {
    const token = await d.token();
    if (sharedFor.token !== token) sharedFor = { token, shared: null };
    if (sharedFor.shared !== false) {
      try {
        const first = await page(0, true);
        sharedFor.shared = true;
        return { first, shared: true };
      } catch (error) {
        if (!(error instanceof HttpFailure && error.kind === 'auth' && error.status === 403)) throw error;
        sharedFor.shared = false;
      }
    }
    return { first: await page(0, false), shared: false };
  }

  async function list(): Promise<ZapListing> {
    const { first, shared } = await firstPage();
    const zaps: Zap[] = [];
    let current = first;
    for (let offset = 0, i = 0; i < MAX_PAGES; i++) {
      zaps.push(...current.data);
      const length = current.data.length + current.rejected.length;
      if (length === 0 || current.links.next === null) break;
      offset += length;
      current = await page(offset, shared);
    }
    for (const zap of zaps) listedIds.set(d.key(zap.id), { id: zap.id, title: zap.title });
    return { zaps, shared };
  }

  async function setEnabled(key: string, on: boolean): Promise<string> {
    if (!listedIds.has(key)) await list();
    const listed = listedIds.get(key);
    const id = listed?.id ?? key;
    try {
      await d.post(`/v2/zaps/${encodeURIComponent(String(id))}/${on ? 'enable' : 'disable'}`);
    } catch (error) {
      if (!refused(error)) throw error;
      d.logger.warn('Zapier refused to switch a Zap on or off', { connectorId: d.connectorId, zap: String(id), status: (error as HttpFailure).status ?? null });
      throw new Error(ZAP_SWITCH_REFUSED, { cause: error });
    }
    const name = listed?.title?.trim() ? `the Zap “${listed.title.trim()}”` : `Zap ${key}`;
    return `Switched ${on ? 'on' : 'off'} ${name} in Zapier.`;
  }

  return { list, setEnabled };
}
