import { create } from 'zustand';
import type { AuditActorSummary, AuditEntry } from '../../../core/contract/system.ts';
import { coalesce } from '../../lib/coalesce.ts';
import { core, type CoreApi } from '../../lib/core-client.ts';
import { createLive, errorMessage } from '../../lib/live.ts';

export interface AuditFilter {
  /** One person's (or token's, or Flowdeck's own) entries: an id from `audit/list-actors`; '' for everyone. */
  actorId: string;
  /** The name as recorded (finds older entries too, which have no id). */
  actor: string;
  action: string;
  /** Epoch ms bounds, or null for open. */
  from: number | null;
  to: number | null;
}

export interface AuditState {
  filter: AuditFilter;
  items: AuditEntry[];
  /** Everyone who appears in the audit, for the filter by person (most recently active first). */
  people: AuditActorSummary[];
  error: string | null;
  loaded: boolean;
  activate: () => () => void;
  setFilter: (filter: AuditFilter) => void;
  /** Every matching entry (up to 5000) for the CSV export. */
  exportAll: () => Promise<AuditEntry[]>;
}

export const EMPTY_AUDIT_FILTER: AuditFilter = { actorId: '', actor: '', action: '', from: null, to: null };

function query(f: AuditFilter, limit: number) {
  return {
    limit,
    ...(f.actorId ? { actorId: f.actorId } : {}),
    ...(f.actor.trim() ? { actor: f.actor.trim() } : {}),
    ...(f.action.trim() ? { action: f.action.trim() } : {}),
    ...(f.from !== null ? { from: f.from } : {}),
    ...(f.to !== null ? { to: f.to } : {}),
  };
}

/** The append-only audit log, filtered by person, name, action (prefix) and time. */
export function createAuditStore(api: CoreApi) {
  return create<AuditState>()((set, get) => {
    let seq = 0;
    const load = async () => {
      const mine = ++seq;
      try {
        const [r, people] = await Promise.all([api.call('audit/search-entries', query(get().filter, 300)), api.call('audit/list-actors', {})]);
        if (mine === seq) set({ items: r.items, people: people.items, error: null, loaded: true });
      } catch (error) {
        if (mine === seq) set({ error: errorMessage(error), loaded: true });
      }
    };
    const refresh = coalesce(load);
    return {
      filter: EMPTY_AUDIT_FILTER, items: [], people: [], error: null, loaded: false,
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
