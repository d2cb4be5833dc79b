import { create } from 'zustand';
import type { AlertRule, Delivery, Incident, IncidentCorrelation, IncidentEvent, RuleDraft, IncidentContext } from '../../../core/contract/alerts.ts';
import { coalesce } from '../../lib/coalesce.ts';
import { core, type CoreApi } from '../../lib/core-client.ts';
import { formatWhen } from '../../lib/format.ts';
import { createLive, errorMessage } from '../../lib/live.ts';
import { serverNow } from '../../lib/server-clock.ts';

export type IncidentAction = 'acknowledge' | 'resolve' | 'snooze' | 'pause' | 'retry';

export interface DetailState {
  incident: Incident;
  events: IncidentEvent[];
  deliveries: Delivery[];
  /** "Failures began N minutes after version V" from the registry, when it finds one. */
  correlation: IncidentCorrelation | null;
  /** The workflow's live state, owner, runbook and the actions its vendor allows. */
  context: IncidentContext | null;
}

export interface Preview { fired: number; targets: { target: string; name: string; firings: number }[] }

export interface IncidentsState {
  view: 'active' | 'resolved' | 'all';
  items: Incident[];
  openCount: number;
  phase: 'loading' | 'ready' | 'error';
  error: string | null;
  selectedId: number | null;
  detail: DetailState | null;
  /** A link named an incident Flowdeck does not have (as the link spelled it); null otherwise. */
  missingId: string | null;
  /** The outcome of the last action, shown beside the buttons. */
  notice: { ok: boolean; message: string } | null;
  rules: AlertRule[];

  activate: () => () => void;
  setView: (view: IncidentsState['view']) => void;
  select: (id: number | null) => void;
  /** A link named an incident that cannot exist (not a ledger id): the page says it is not found. */
  showMissing: (id: string) => void;
  act: (id: number, action: IncidentAction, arg?: number) => Promise<void>;
  saveRule: (id: number | undefined, rule: RuleDraft) => Promise<{ ok: true } | { ok: false; field: string | null; message: string }>;
  /** What saving would say (a missing name, a bad cron, a duplicate of another rule), without saving. */
  checkRule: (id: number | undefined, rule: RuleDraft) => Promise<{ ok: true } | { ok: false; field: string | null; message: string }>;
  deleteRule: (id: number) => Promise<void>;
  previewRule: (rule: RuleDraft) => Promise<Preview | { error: string; field: string | null }>;
}

export function createIncidentsStore(api: CoreApi) {
  return create<IncidentsState>()((set, get) => {
    let seq = 0;
    const fetchList = async () => {
      const mine = ++seq;
      try {
        const [list, rules] = await Promise.all([
          api.call('incidents/list-incidents', { status: get().view, limit: 200 }),
          api.call('alerts/list-rules', {}),
        ]);
        if (mine !== seq) return;
        set({ items: list.items, openCount: list.openCount, rules: rules.items, phase: 'ready', error: null });
      } catch (error) {
        if (mine === seq) set({ phase: 'error', error: errorMessage(error) });
      }
    };
    const fetchDetail = async () => {
      const id = get().selectedId;
      if (id === null) return set({ detail: null });
      const r = await api.call('incidents/get-incident', { id });
      if (get().selectedId !== id) return;
      set(r.ok
        ? { detail: { incident: r.incident, events: r.events, deliveries: r.deliveries, correlation: r.correlation ?? null, context: r.context ?? null }, missingId: null }
        : { detail: null, missingId: String(id) });
    };
    const refresh = coalesce(async () => {
      await Promise.all([fetchList(), fetchDetail().catch(() => undefined)]);
    });
    return {
      view: 'active', items: [], openCount: 0, phase: 'loading', error: null, selectedId: null, detail: null, missingId: null, notice: null, rules: [],
      activate: createLive({ core: api, tables: ['incidents', 'alert_rules', 'deliveries'], refresh: () => void refresh() }),
      setView(view) {
        set({ view, phase: 'loading' });
        void fetchList();
      },
      select(id) {
        set({ selectedId: id, detail: null, missingId: null, notice: null });
        void fetchDetail();
      },
      showMissing(id) {
        set({ selectedId: null, detail: null, missingId: id, notice: null });
      },
      async act(id, action, arg) {
        try {
          const r = action === 'acknowledge' ? await api.call('incidents/acknowledge-incident', { id })
            : action === 'resolve' ? await api.call('incidents/resolve-incident', { id })
              : action === 'snooze' ? await api.call('incidents/snooze-incident', { id, minutes: arg ?? 60 })
                : action === 'pause' ? await api.call('incidents/pause-workflow', { id })
                  : await api.call('incidents/retry-incident-run', { id, runId: arg ?? 0 });
          set({ notice: { ok: r.ok, message: r.message } });
        } catch (error) {
          set({ notice: { ok: false, message: errorMessage(error) } });
        }
        await refresh();
        // The core keeps the snooze's end as data; it is written here, in the display time zone.
        const until = get().detail?.incident.snoozedUntil ?? null;
        if (action === 'snooze' && get().notice?.ok && until !== null) set({ notice: { ok: true, message: `Snoozed until ${formatWhen(until, serverNow())}.` } });
      },
      async saveRule(id, rule) {
        try {
          await api.call('alerts/save-rule', id === undefined ? { rule } : { id, rule });
          await refresh();
          return { ok: true };
        } catch (error) {
          return { ok: false, field: (error as { field?: string }).field ?? null, message: errorMessage(error) };
        }
      },
      async checkRule(id, rule) {
        try {
          await api.call('alerts/check-rule', id === undefined ? { rule } : { id, rule });
          return { ok: true };
        } catch (error) {
          return { ok: false, field: (error as { field?: string }).field ?? null, message: errorMessage(error) };
        }
      },
      async deleteRule(id) {
        await api.call('alerts/delete-rule', { id });
        await refresh();
      },
      async previewRule(rule) {
        try {
          return await api.call('alerts/preview-rule', { rule, days: 7 });
        } catch (error) {
          return { error: errorMessage(error), field: (error as { field?: string }).field ?? null };
        }
      },
    };
  });
}

export const useIncidentsStore = createIncidentsStore(core);
