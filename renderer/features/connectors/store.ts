import { create } from 'zustand';
import type { ConnectorListItem, TestOutcomeWire } from '../../../core/contract/connectors.ts';
import type { Output } from '../../../core/contract/handlers.ts';
import { core, type CoreApi } from '../../lib/core-client.ts';
import { coalesce } from '../../lib/coalesce.ts';
import { createLive, errorMessage } from '../../lib/live.ts';
import { toDraft, type DraftForm } from './form.ts';

export interface SyncProgress {
  runsIngested: number;
  pages: number;
  done: boolean;
}

/** The result of the last action on a connector, in plain words. */
export interface Notice {
  tone: 'ok' | 'error';
  text: string;
}

type AddResult = Output<'connectors/add-connector'>;

export interface ConnectorsState {
  /** Every connector with its polling state (a superset of ConnectorSummary, which the Runs filter uses). */
  items: ConnectorListItem[];
  loaded: boolean;
  error: string | null;
  progress: Record<string, SyncProgress>;
  notices: Record<string, Notice>;
  busy: Record<string, boolean>;
  load: () => Promise<void>;
  activate: () => () => void;
  test: (form: DraftForm) => Promise<TestOutcomeWire>;
  add: (form: DraftForm) => Promise<AddResult>;
  remove: (id: string) => Promise<void>;
  setPaused: (id: string, paused: boolean) => Promise<void>;
  pollNow: (id: string) => Promise<void>;
  setCredential: (id: string, credential: string) => Promise<boolean>;
  dismiss: (id: string) => void;
}

/** Connectors: the list (with health and polling state), first-sync progress, and the calls that manage them. */
export function createConnectorsStore(api: CoreApi) {
  return create<ConnectorsState>()((set, get) => {
    let seq = 0;
    const refresh = coalesce(() => get().load());
    const live = createLive({ core: api, tables: ['connectors', 'runs'], refresh: () => void refresh() });
    const notify = (id: string, notice: Notice) => set({ notices: { ...get().notices, [id]: notice } });
    const setBusy = (id: string, busy: boolean) => set({ busy: { ...get().busy, [id]: busy } });

    /** Runs one call for a connector: busy while it runs, its message as the connector's notice. */
    const act = async (id: string, call: () => Promise<{ ok: boolean; message: string }>): Promise<boolean> => {
      setBusy(id, true);
      try {
        const result = await call();
        notify(id, { tone: result.ok ? 'ok' : 'error', text: result.message });
        return result.ok;
      } catch (error) {
        notify(id, { tone: 'error', text: errorMessage(error) });
        return false;
      } finally {
        setBusy(id, false);
        void refresh();
      }
    };

    return {
      items: [],
      loaded: false,
      error: null,
      progress: {},
      notices: {},
      busy: {},
      async load() {
        const mine = ++seq;
        try {
          const { items } = await api.call('connectors/list-connectors', {});
          if (mine === seq) set({ items, loaded: true, error: null });
        } catch (error) {
          if (mine === seq) set({ error: errorMessage(error) });
        }
      },
      activate() {
        const release = live();
        const offs = [
          api.on('connectors/polled', () => void refresh()),
          api.on('connectors/health-changed', () => void refresh()),
          api.on('sync/progressed', ({ connectorId, runsIngested, pages, done }) => {
            set({ progress: { ...get().progress, [connectorId]: { runsIngested, pages, done } } });
          }),
        ];
        return () => {
          release();
          offs.forEach((off) => off());
        };
      },
      test: (form) => api.call('connectors/test-connector', toDraft(form)),
      async add(form) {
        const result = form.kind === 'push'
          ? await api.call('connectors/add-push-connector', { name: form.name.trim() })
          : await api.call('connectors/add-connector', toDraft(form));
        if (result.ok) {
          notify(result.connector.id, { tone: 'ok', text: result.message });
          void refresh();
        }
        return result;
      },
      async remove(id) {
        const removed = await act(id, () => api.call('connectors/remove-connector', { id }));
        if (removed) set({ items: get().items.filter((c) => c.id !== id) });
      },
      async setPaused(id, paused) {
        await act(id, () => api.call('connectors/set-paused', { id, paused }));
      },
      async pollNow(id) {
        await act(id, () => api.call('connectors/poll-now', { id }));
      },
      setCredential: (id, credential) => act(id, () => api.call('connectors/set-credential', { id, credential })),
      dismiss(id) {
        const { [id]: _gone, ...rest } = get().notices;
        set({ notices: rest });
      },
    };
  });
}

export const useConnectorsStore = createConnectorsStore(core);
