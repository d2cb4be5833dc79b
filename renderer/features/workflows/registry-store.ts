import { create } from 'zustand';
import type { DiffOutput, LintFinding, RegistryMetadata, RegistryRow, RegistrySettings, WorkflowDetail } from '../../../core/contract/registry.ts';
import { coalesce } from '../../lib/coalesce.ts';
import { core, type CoreApi } from '../../lib/core-client.ts';
import { createLive, errorMessage } from '../../lib/live.ts';

export interface RegistryFilters { text: string; vendor: string; environment: string; owner: string; withFindings: boolean }
export interface DiffView { fromId: number; toId: number; diff: DiffOutput }
export interface RestorePreview { versionId: number; diff: DiffOutput; supported: boolean; message: string }

export interface RegistryState {
  items: RegistryRow[];
  overallHealth: number;
  findings: LintFinding[];
  phase: 'loading' | 'ready' | 'error';
  error: string | null;
  filters: RegistryFilters;
  tab: 'workflows' | 'lint';
  selectedId: number | null;
  detail: WorkflowDetail | null;
  /** A link named a workflow Flowdeck does not have (as the link spelled it); null otherwise. */
  missingId: string | null;
  diff: DiffView | null;
  preview: RestorePreview | null;
  notice: { ok: boolean; message: string } | null;

  activate: () => () => void;
  setFilters: (f: Partial<RegistryFilters>) => void;
  setTab: (tab: RegistryState['tab']) => void;
  select: (id: number | null) => void;
  /**
   * Opens a workflow from a link (an incident's "see what changed in version V"), and that version's diff with the one
   * before it; the version by its number (`#/workflows/7/versions/3`) or, from older links, its id.
   */
  focus: (workflowId: number, version: { number: number } | { id: number } | null) => Promise<void>;
  /** A link named a workflow that cannot exist (not a ledger id): the page says it is not found. */
  showMissing: (id: string) => void;
  openDiff: (fromId: number, toId: number) => Promise<void>;
  closeDiff: () => void;
  saveMetadata: (metadata: RegistryMetadata) => Promise<boolean>;
  addNote: (versionId: number, text: string) => Promise<void>;
  previewRestore: (versionId: number) => Promise<void>;
  cancelRestore: () => void;
  restore: () => Promise<void>;
  transfer: (kind: 'export' | 'import', name: string) => Promise<void>;
  settings: RegistrySettings | null;
  /** Saves the naming convention; the outcome says why a pattern was refused (the pattern editor shows it). */
  saveSettings: (s: RegistrySettings) => Promise<{ ok: boolean; message: string }>;
}

export const EMPTY_FILTERS: RegistryFilters = { text: '', vendor: '', environment: '', owner: '', withFindings: false };

/** Rows matching the filters (pure; the table and tests use it). */
export function filterRows(rows: readonly RegistryRow[], f: RegistryFilters): RegistryRow[] {
  const text = f.text.trim().toLowerCase();
  return rows.filter((r) => (!text || r.name.toLowerCase().includes(text) || r.tags.some((t) => t.toLowerCase().includes(text)))
    && (!f.vendor || r.vendor === f.vendor)
    && (!f.environment || (f.environment === 'unset' ? r.environment === null : r.environment === f.environment))
    && (!f.owner || (r.owner ?? '').toLowerCase().includes(f.owner.trim().toLowerCase()))
    && (!f.withFindings || r.findings > 0));
}

export function createRegistryStore(api: CoreApi) {
  return create<RegistryState>()((set, get) => {
    let seq = 0;
    const fetchList = async () => {
      const mine = ++seq;
      try {
        const [list, lint, settings] = await Promise.all([api.call('registry/list-entries', {}), api.call('registry/lint', {}), api.call('registry/get-settings', {})]);
        if (mine === seq) set({ items: list.items, overallHealth: list.overallHealth, findings: lint.findings, settings, phase: 'ready', error: null });
      } catch (error) {
        if (mine === seq) set({ phase: 'error', error: errorMessage(error) });
      }
    };
    const fetchDetail = async () => {
      const id = get().selectedId;
      if (id === null) return set({ detail: null });
      const r = await api.call('registry/get-workflow', { workflowId: id });
      if (get().selectedId === id) set(r.ok ? { detail: r.workflow, missingId: null } : { detail: null, missingId: String(id) });
    };
    const refresh = coalesce(async () => {
      await Promise.all([fetchList(), fetchDetail().catch(() => undefined)]);
    });
    const outcome = (r: { ok: boolean; message: string }) => set({ notice: { ok: r.ok, message: r.message } });
    return {
      items: [], overallHealth: 100, findings: [], phase: 'loading', error: null, filters: EMPTY_FILTERS, tab: 'workflows',
      selectedId: null, detail: null, missingId: null, diff: null, preview: null, notice: null, settings: null,
      async saveSettings(next) {
        const r = await api.call('registry/save-settings', next);
        if (r.ok) await refresh();
        return { ok: r.ok, message: r.message };
      },
      activate: createLive({ core: api, tables: ['workflows', 'workflow_registry', 'workflow_versions', 'runs'], refresh: () => void refresh() }),
      setFilters: (f) => set({ filters: { ...get().filters, ...f } }),
      setTab: (tab) => set({ tab }),
      select(id) {
        set({ selectedId: id, detail: null, missingId: null, diff: null, preview: null, notice: null });
        void fetchDetail();
      },
      showMissing(id) {
        set({ selectedId: null, detail: null, missingId: id, diff: null, preview: null, notice: null });
      },
      async focus(workflowId, version) {
        if (get().selectedId !== workflowId || !get().detail) {
          set({ selectedId: workflowId, detail: null, missingId: null, diff: null, preview: null, notice: null });
          await fetchDetail();
        }
        const versions = get().detail?.versions ?? [];
        const i = version === null ? -1 : versions.findIndex((v) => ('number' in version ? v.number === version.number : v.id === version.id));
        if (get().selectedId !== workflowId) return;
        if (i < 0) {
          const missing = version !== null && get().detail !== null;
          set({ diff: null, ...(missing ? { notice: { ok: false, message: 'This workflow has no such version; its versions are listed below.' } } : {}) });
          return;
        }
        await get().openDiff(versions[Math.max(0, i - 1)]!.id, versions[i]!.id);
      },
      async openDiff(fromId, toId) {
        const id = get().selectedId;
        if (id === null) return;
        const r = await api.call('registry/get-diff', { workflowId: id, fromVersionId: fromId, toVersionId: toId });
        if (r.ok) set({ diff: { fromId, toId, diff: r.diff } });
        else outcome(r);
      },
      closeDiff: () => set({ diff: null }),
      async saveMetadata(metadata) {
        const id = get().selectedId;
        if (id === null) return false;
        try {
          const r = await api.call('registry/save-metadata', { workflowId: id, metadata });
          outcome(r);
          await refresh();
          return r.ok;
        } catch (error) {
          outcome({ ok: false, message: errorMessage(error) });
          return false;
        }
      },
      async addNote(versionId, text) {
        outcome(await api.call('registry/add-note', { versionId, text }));
        await refresh();
      },
      async previewRestore(versionId) {
        const id = get().selectedId;
        if (id === null) return;
        const r = await api.call('registry/preview-restore', { workflowId: id, versionId });
        if (r.ok) set({ preview: { versionId, diff: r.diff, supported: r.supported, message: r.message } });
        else outcome(r);
      },
      cancelRestore: () => set({ preview: null }),
      async restore() {
        const id = get().selectedId;
        const p = get().preview;
        if (id === null || !p) return;
        set({ preview: null });
        outcome(await api.call('registry/restore-version', { workflowId: id, versionId: p.versionId, confirm: true }));
        await refresh();
      },
      async transfer(kind, name) {
        try {
          if (kind === 'export') {
            const r = await api.call('registry/export', { name });
            outcome({ ok: true, message: `Exported ${r.files} files to ${r.dir}.` });
          } else {
            const r = await api.call('registry/import', { name });
            outcome({ ok: r.skipped.length === 0, message: `Imported ${r.workflows} workflows (${r.versionsAdded} new versions).${r.skipped.length ? ` Skipped: ${r.skipped.join('; ')}` : ''}` });
            await refresh();
          }
        } catch (error) {
          outcome({ ok: false, message: errorMessage(error) });
        }
      },
    };
  });
}

export const useRegistryStore = createRegistryStore(core);
