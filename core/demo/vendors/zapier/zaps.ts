import type { FakeZap, ZapierState } from './state.ts';

/**
 * The Zap side of the fake Workflow API: which Zaps a key may list, their wire shape, and switching them on and off.
 * Row ids point at docs/vendors.md.
 */

const iso = (ms: number) => new Date(ms).toISOString();

export function wireZap(z: FakeZap, origin: string) {
  return {
    // The UUID-shaped id of the docs' examples, not the integer the runs carry. docs/vendors.md Z4
    type: 'zap', id: z.uuid, is_enabled: z.is_enabled, last_successful_run_date: null, updated_at: iso(z.updated_at), title: z.title,
    links: { html_editor: `${origin}/editor/${z.id}` }, steps: z.steps.map((s) => ({ action: s.action, authentication: null, inputs: {}, title: s.title })),
  };
}

/** Any one of these lets a key call `GET /v2/zaps`. docs/vendors.md Z1 */
export const ZAP_READ_SCOPES = ['zap', 'zap:all', 'zap:account:all'] as const;

export type ZapListing = { ok: true; zaps: FakeZap[] } | { ok: false; status: 403; detail: string };

/**
 * The Zaps a key sees. `zap` lists only the user's Zaps that use the partner's own app (docs/vendors.md Z1); `zap:all`
 * every Zap the user owns (Z1); `zap:account:all` the same, plus Zaps shared with the user when the request says
 * `include_shared=true` (Z2). `include_shared=true` without `zap:account:all` is refused (Z3, an assumption).
 */
export function listableZaps(state: ZapierState, scopes: ReadonlySet<string>, includeShared: boolean): ZapListing {
  const accountAll = scopes.has('zap:account:all');
  if (includeShared && !accountAll) return { ok: false, status: 403, detail: 'include_shared requires the zap:account:all scope.' };
  const all = accountAll || scopes.has('zap:all');
  const zaps = state.zaps.filter((z) => (z.shared ? includeShared && accountAll : all || z.partnerApp));
  return { ok: true, zaps: zaps.sort((a, b) => a.uuid.localeCompare(b.uuid)) };
}

export type SwitchResult = { status: 200; zap: FakeZap } | { status: 403 | 404; code: string; detail: string };

/**
 * `POST /v2/zaps/{id}/enable` and `…/disable` (docs/vendors.md Z8). Needs `zap:write` (an assumption: the endpoint
 * pages do not name a scope). A partner Zapier has not opened them to answers 404, as if they did not exist (an
 * assumption: availability to all partners is unclear). The id is the one `GET /v2/zaps` lists.
 */
export function switchZap(state: ZapierState, scopes: ReadonlySet<string>, id: string, on: boolean): SwitchResult {
  if (!state.onOff) return { status: 404, code: 'not_found', detail: 'Not found.' };
  if (!scopes.has('zap:write')) return { status: 403, code: 'permission_denied', detail: 'This endpoint requires the zap:write scope.' };
  const zap = state.zaps.find((z) => z.uuid === id);
  if (!zap) return { status: 404, code: 'not_found', detail: `No Zap ${id}.` };
  zap.is_enabled = on;
  return { status: 200, zap };
}
