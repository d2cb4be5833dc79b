import { create } from 'zustand';
import type { Output } from '../../../../core/contract/handlers.ts';
import type { PushMonitor, HeartbeatSchedule } from '../../../../core/contract/push.ts';
import { coalesce } from '../../../lib/coalesce.ts';
import { core, type CoreApi } from '../../../lib/core-client.ts';
import { createLive, errorMessage } from '../../../lib/live.ts';

export type Snippets = Extract<Output<'push/get-snippets'>, { ok: true }>;

export interface PushState {
  connectorId: string | null;
  phase: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  /** Not a push connector: only its signed webhook applies (e.g. an n8n connector fed by an error workflow). */
  webhookOnly: boolean;
  receiver: { url: string; listening: boolean } | null;
  hookUrl: string | null;
  monitors: PushMonitor[];
  snippets: Snippets | null;
  snippetsError: string | null;
  creating: boolean;
  createError: string | null;
  /** Shows one connector's monitors and keeps them fresh; returns the release. */
  open: (connectorId: string) => () => void;
  load: () => Promise<void>;
  loadSnippets: (revealSecret?: boolean) => Promise<void>;
  createMonitor: (slug: string, name: string, expected?: HeartbeatSchedule) => Promise<boolean>;
  rotateSecret: () => Promise<void>;
}

/** Heartbeat monitors and webhook snippets of one push connector (the panel on the Connectors page). */
export function createPushStore(api: CoreApi) {
  return create<PushState>()((set, get) => {
    let seq = 0;
    let snippetSeq = 0;
    const refresh = coalesce(() => get().load());
    const live = createLive({ core: api, tables: ['push_monitors', 'push_pings'], refresh: () => void refresh() });
    return {
      connectorId: null,
      phase: 'idle',
      error: null,
      webhookOnly: false,
      receiver: null,
      hookUrl: null,
      monitors: [],
      snippets: null,
      snippetsError: null,
      creating: false,
      createError: null,

      open(connectorId) {
        if (get().connectorId !== connectorId) {
          set({ connectorId, phase: 'loading', error: null, webhookOnly: false, monitors: [], snippets: null, snippetsError: null, createError: null });
        }
        return live();
      },

      async load() {
        const { connectorId } = get();
        if (!connectorId) return;
        const mine = ++seq;
        try {
          const result = await api.call('push/list-monitors', { connectorId });
          if (mine !== seq || get().connectorId !== connectorId) return;
          if (result.ok) {
            set({ phase: 'ready', error: null, webhookOnly: false, receiver: result.receiver, hookUrl: result.hookUrl, monitors: result.items });
          } else if (result.reason === 'not_push') {
            set({ phase: 'ready', error: null, webhookOnly: true, monitors: [] });
            if (!get().snippets) await get().loadSnippets(false);
          } else {
            set({ phase: 'error', error: result.message });
          }
        } catch (error) {
          if (mine === seq) set({ phase: 'error', error: errorMessage(error) });
        }
      },

      async loadSnippets(revealSecret = false) {
        const { connectorId } = get();
        if (!connectorId) return;
        const mine = ++snippetSeq;
        try {
          const result = await api.call('push/get-snippets', { connectorId, revealSecret });
          if (mine !== snippetSeq || get().connectorId !== connectorId) return;
          if (result.ok) set({ snippets: result, snippetsError: null, hookUrl: result.hookUrl, receiver: result.receiver });
          else set({ snippetsError: result.message });
        } catch (error) {
          if (mine === snippetSeq) set({ snippetsError: errorMessage(error) });
        }
      },

      async createMonitor(slug, name, expected) {
        const { connectorId } = get();
        if (!connectorId || get().creating) return false;
        set({ creating: true, createError: null });
        try {
          const result = await api.call('push/create-monitor', { connectorId, slug, name, ...(expected ? { expected } : {}) });
          if (!result.ok) {
            set({ creating: false, createError: result.message });
            return false;
          }
          set({ creating: false, monitors: [...get().monitors.filter((m) => m.slug !== slug), result.monitor].sort((a, b) => a.slug.localeCompare(b.slug)) });
          const shown = get().snippets;
          if (shown) await get().loadSnippets(shown.secret !== null);
          return true;
        } catch (error) {
          set({ creating: false, createError: errorMessage(error) });
          return false;
        }
      },

      async rotateSecret() {
        const { connectorId } = get();
        if (!connectorId) return;
        try {
          const result = await api.call('push/rotate-secret', { connectorId });
          if (!result.ok) return set({ snippetsError: result.message });
          await get().loadSnippets(true);
        } catch (error) {
          set({ snippetsError: errorMessage(error) });
        }
      },
    };
  });
}

export const usePushStore = createPushStore(core);
