import { create } from 'zustand';
import type { RunDetail, RunSummary } from '../../../core/contract/runs.ts';
import { coalesce } from '../../lib/coalesce.ts';
import { core, type CoreApi } from '../../lib/core-client.ts';
import { createLive, errorMessage } from '../../lib/live.ts';
import { serverNow } from '../../lib/server-clock.ts';
import { EMPTY_FILTER, toRunFilter, type RunsFilterState } from './filters.ts';
import { exportRuns, type ExportFormat } from './export.ts';

export const PAGE_SIZE = 100;
const MAX_PAGE = 500;

export type DetailState =
  | { status: 'closed' }
  /** `run` is the previous copy while a refresh is in flight, null on first open. */
  | { status: 'loading'; id: number; run: RunDetail | null }
  | { status: 'ready'; id: number; run: RunDetail }
  /** `id` keeps what a link asked for, also when it cannot be a ledger id (`#/runs?run=gh_run-8812`). */
  | { status: 'not-found'; id: number | string }
  | { status: 'error'; id: number; message: string };

export interface RunsState {
  filter: RunsFilterState;
  items: RunSummary[];
  nextCursor: string | null;
  /** State of the first page for the current filter. */
  phase: 'loading' | 'ready' | 'error';
  error: string | null;
  /** A background refetch after a ledger change (the list stays as it is meanwhile). */
  refreshing: boolean;
  loadingMore: boolean;
  moreError: string | null;
  selectedId: number | null;
  detail: DetailState;
  /** Full-text search of error messages; when set the list shows the newest matching runs (no paging). */
  search: string;
  /** Rows gathered so far while an export runs; null when idle. */
  exporting: number | null;
  exportError: string | null;

  activate: () => () => void;
  setFilter: (filter: RunsFilterState) => void;
  clearFilters: () => void;
  reload: () => Promise<void>;
  loadMore: () => Promise<void>;
  select: (id: number | null) => void;
  moveSelection: (delta: number) => void;
  openDetail: (id: number) => Promise<void>;
  closeDetail: () => void;
  /** A link named a run that cannot exist (not a ledger id): the panel says so. */
  showMissing: (id: string) => void;
  setSearch: (search: string) => void;
  /** The address changed (a link, Back, a drill-down from another page): replaces filters and search at once. */
  applyDrillDown: (filter: RunsFilterState, search: string) => void;
  exportList: (format: ExportFormat) => Promise<void>;
}

/** The execution log: keyset-paged runs for the current filter, the selection and the open run's detail. */
export function createRunsStore(api: CoreApi, now: () => number = serverNow) {
  return create<RunsState>()((set, get) => {
    let generation = 0;
    let detailSeq = 0;

    /** Fetches the first page; the newest request wins, older answers are dropped. */
    const fetchFirstPage = async (limit: number) => {
      const mine = ++generation;
      try {
        const { filter, search } = get();
        const page = search.trim() ? await searchPage(filter, search) : await api.call('runs/list-runs', { filter: toRunFilter(filter, now()), limit });
        if (mine !== generation) return;
        set({ items: page.items, nextCursor: page.nextCursor, phase: 'ready', error: null, refreshing: false, loadingMore: false, moreError: null });
      } catch (error) {
        if (mine !== generation) return;
        if (get().phase === 'ready' && get().refreshing) set({ refreshing: false });
        else set({ phase: 'error', error: errorMessage(error), refreshing: false, loadingMore: false });
      }
    };

    /** Search results honour every filter: workflow and time inside the core's query, status and connector here. */
    const searchPage = async (filter: RunsFilterState, search: string) => {
      const f = toRunFilter(filter, now());
      const { runs } = await api.call('monitoring/search-errors', {
        query: search, limit: 200,
        filter: { ...(f.workflowIds ? { workflowIds: f.workflowIds } : {}), ...(f.from !== undefined ? { from: f.from } : {}), ...(f.to !== undefined ? { to: f.to } : {}) },
      });
      const items = runs.filter((r) => (!f.statuses || f.statuses.includes(r.status)) && (!f.connectorIds || f.connectorIds.includes(r.connectorId)));
      return { items, nextCursor: null };
    };

    const fetchDetail = async (id: number) => {
      const mine = ++detailSeq;
      try {
        const result = await api.call('runs/get-run', { id });
        if (mine !== detailSeq) return;
        set({ detail: result.ok ? { status: 'ready', id, run: result.run } : { status: 'not-found', id } });
      } catch (error) {
        if (mine !== detailSeq) return;
        set({ detail: { status: 'error', id, message: errorMessage(error) } });
      }
    };

    /** After a ledger change: refetch what is on screen (as many rows as are loaded) and the open run. */
    const refresh = coalesce(async () => {
      const { items, detail, phase } = get();
      if (phase === 'ready') set({ refreshing: true });
      const open = detail.status === 'closed' || typeof detail.id !== 'number' ? null : detail.id;
      await Promise.all([
        fetchFirstPage(Math.min(MAX_PAGE, Math.max(PAGE_SIZE, items.length))),
        open === null ? null : fetchDetail(open),
      ]);
    });

    const startFirstPage = () => {
      set({ phase: 'loading', error: null, loadingMore: false, moreError: null });
      return fetchFirstPage(PAGE_SIZE);
    };

    return {
      filter: EMPTY_FILTER,
      items: [],
      nextCursor: null,
      phase: 'loading',
      error: null,
      refreshing: false,
      loadingMore: false,
      moreError: null,
      selectedId: null,
      detail: { status: 'closed' },
      search: '',
      exporting: null,
      exportError: null,

      activate: createLive({ core: api, tables: ['runs', 'workflows', 'connectors'], refresh: () => void refresh() }),

      setFilter(filter) {
        set({ filter });
        void startFirstPage();
      },
      clearFilters() {
        set({ search: '' });
        get().setFilter(EMPTY_FILTER);
      },
      setSearch(search) {
        set({ search });
        void startFirstPage();
      },
      applyDrillDown(filter, search) {
        set({ filter, search });
        void startFirstPage();
      },
      async exportList(format) {
        if (get().exporting !== null) return;
        const { filter, search, items } = get();
        set({ exporting: 0, exportError: null });
        try {
          await exportRuns(api, toRunFilter(filter, now()), search.trim() ? items : null, format, (rows) => set({ exporting: rows }));
          set({ exporting: null });
        } catch (error) {
          set({ exporting: null, exportError: errorMessage(error) });
        }
      },
      reload: () => startFirstPage(),

      async loadMore() {
        const { nextCursor, loadingMore, phase, filter } = get();
        if (!nextCursor || loadingMore || phase !== 'ready') return;
        const mine = generation;
        set({ loadingMore: true, moreError: null });
        try {
          const page = await api.call('runs/list-runs', { filter: toRunFilter(filter, now()), cursor: nextCursor, limit: PAGE_SIZE });
          if (mine !== generation) return;
          const seen = new Set(get().items.map((r) => r.id));
          set({ items: [...get().items, ...page.items.filter((r) => !seen.has(r.id))], nextCursor: page.nextCursor, loadingMore: false });
        } catch (error) {
          if (mine !== generation) return;
          set({ loadingMore: false, moreError: errorMessage(error) });
        }
      },

      select: (id) => set({ selectedId: id }),

      moveSelection(delta) {
        const { items, selectedId, detail } = get();
        if (!items.length) return;
        const index = items.findIndex((r) => r.id === selectedId);
        const next = index < 0 ? (delta > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, index + delta));
        const id = items[next]!.id;
        if (detail.status !== 'closed') void get().openDetail(id);
        else set({ selectedId: id });
      },

      openDetail(id) {
        const { detail } = get();
        const previous = detail.status === 'ready' && detail.id === id ? detail.run : null;
        set({ selectedId: id, detail: { status: 'loading', id, run: previous } });
        return fetchDetail(id);
      },

      closeDetail() {
        detailSeq++;
        set({ detail: { status: 'closed' } });
      },

      showMissing(id) {
        detailSeq++;
        set({ selectedId: null, detail: { status: 'not-found', id } });
      },
    };
  });
}

export const useRunsStore = createRunsStore(core);
