import { create } from 'zustand';
import type { AuditEntry } from '../../../core/contract/system.ts';
import { coalesce } from '../../lib/coalesce.ts';
import { core, type CoreApi } from '../../lib/core-client.ts';
import { createLive, errorMessage } from '../../lib/live.ts';

export interface AuditFilter {
  actor: string;
  action: string;
  /** Epoch ms bounds, or null for open. */
  from: number | null;
  to: number | null;
}

export interface AuditState {
  filter: AuditFilter;
  items: AuditEntry[];
  error: string | null;
  loaded: boolean;
  activate: () => () => void;
  setFilter: (filter: AuditFilter) => void;
  /** Every matching entry (up to 5000) for the CSV export. */
  exportAll: () => Promise<AuditEntry[]>;
}

export const EMPTY_AUDIT_FILTER: AuditFilter = { actor: '', action: '', from: null, to: null };

function query(f: AuditFilter, limit: number) {
  return {
    limit,
    ...(f.actor.trim() ? { actor: f.actor.trim() } : {}),
    ...(f.action.trim() ? { action: f.action.trim() } : {}),
    ...(f.from !== null ? { from: f.from } : {}),
    ...(f.to !== null ? { to: f.to } : {}),
  };
}

/** The append-only audit log, filtered by actor, action (prefix) and time. */
export function createAuditStore(api: CoreApi) {
  return create<AuditState>()((set, get) => {
    let seq = 0;
    const load = async () => {
      const mine = ++seq;
      try {
        const r = await api.call('audit/search-entries', query(get().filter, 300));
        if (mine === seq) set({ items: r.items, error: null, loaded: true });
      } catch (error) {
        if (mine === seq) set({ error: errorMessage(error), loaded: true });
      }
    };
    const refresh = coalesce(load);
    return {
      filter: EMPTY_AUDIT_FILTER, items: [], error: null, loaded: false,
      activate: createLive({ core: api, tables: ['incidents', 'notify_channels', 'audit_log'], refresh: () => void refresh() }),
      setFilter(filter) {
        set({ filter });
        void load();
      },
      exportAll: async () => (await api.call('audit/search-entries', query(get().filter, 5000))).items,
    };
  });
}

export const useAuditStore = createAuditStore(core);
