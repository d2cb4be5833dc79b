import { create } from 'zustand';
import type { BulkAction, BulkPreview, BulkProgress, BulkReport, BulkSelection } from '../../../core/contract/runs-bulk.ts';
import { core, type CoreApi } from '../../lib/core-client.ts';
import { errorMessage } from '../../lib/live.ts';

/**
 * Bulk retry / re-run from the Runs page: ask the core what it would do for the list on screen (count, skipped runs
 * and why), start it, follow `runs/bulk-progressed`, cancel it, and read the per-run report when it ends.
 */
export type BulkPhase = 'idle' | 'previewing' | 'confirm' | 'starting' | 'running' | 'done';

export interface BulkState {
  phase: BulkPhase;
  selection: BulkSelection | null;
  preview: BulkPreview | null;
  loadWorkflow: boolean;
  jobId: string | null;
  progress: BulkProgress | null;
  report: BulkReport | null;
  cancelling: boolean;
  error: string | null;

  /** Subscribes to progress and picks up a job still running (a reopened page); returns the unsubscribe. */
  activate: () => () => void;
  ask: (action: BulkAction, selection: Omit<BulkSelection, 'action'>) => Promise<void>;
  setLoadWorkflow: (on: boolean) => void;
  start: () => Promise<void>;
  cancel: () => Promise<void>;
  /** Closes the confirmation, or puts away the finished report. */
  dismiss: () => void;
}

export function createBulkStore(api: CoreApi) {
  return create<BulkState>()((set, get) => {
    const readReport = async (jobId?: string) => {
      try {
        const r = await api.call('runs/get-bulk-report', jobId ? { jobId } : {});
        if (!r.ok) return;
        const { report } = r;
        if (jobId === undefined && report.state !== 'running') return;
        const progress: BulkProgress = {
          jobId: report.jobId, action: report.action, state: report.state, total: report.total, done: report.done,
          started: report.started, refused: report.refused, failed: report.failed,
        };
        set({ jobId: report.jobId, progress, report: report.state === 'running' ? null : report, phase: report.state === 'running' ? 'running' : 'done' });
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    };

    return {
      phase: 'idle', selection: null, preview: null, loadWorkflow: false, jobId: null, progress: null, report: null, cancelling: false, error: null,

      activate() {
        const off = api.on('runs/bulk-progressed', (p) => {
          const { jobId, phase } = get();
          if (jobId !== p.jobId && phase !== 'idle') return;
          set({ jobId: p.jobId, progress: p, phase: p.state === 'running' ? 'running' : get().phase });
          if (p.state !== 'running') {
            set({ cancelling: false });
            void readReport(p.jobId);
          }
        });
        if (get().phase === 'idle') void readReport();
        return off;
      },

      async ask(action, selection) {
        const full: BulkSelection = { ...selection, action };
        set({ phase: 'previewing', selection: full, preview: null, error: null, loadWorkflow: false, report: null, progress: null, jobId: null });
        try {
          const preview = await api.call('runs/preview-bulk-action', full);
          if (get().selection !== full) return;
          set({ preview, phase: 'confirm' });
        } catch (error) {
          set({ phase: 'idle', error: errorMessage(error) });
        }
      },

      setLoadWorkflow: (on) => set({ loadWorkflow: on }),

      async start() {
        const { selection, loadWorkflow, phase } = get();
        if (!selection || phase !== 'confirm') return;
        set({ phase: 'starting', error: null });
        try {
          const r = await api.call('runs/start-bulk-action', { ...selection, ...(loadWorkflow ? { loadWorkflow: true } : {}) });
          if (!r.ok) {
            set({ phase: 'idle', error: r.message });
            return;
          }
          const total = r.preview.eligible;
          set((s) => ({
            phase: s.phase === 'starting' ? 'running' : s.phase, jobId: r.jobId,
            progress: s.progress?.jobId === r.jobId ? s.progress : { jobId: r.jobId, action: selection.action, state: 'running', total, done: 0, started: 0, refused: 0, failed: 0 },
          }));
          // Progress sent before the answer arrived (a short job may even have ended): read where it is now.
          await readReport(r.jobId);
        } catch (error) {
          set({ phase: 'idle', error: errorMessage(error) });
        }
      },

      async cancel() {
        const { jobId } = get();
        if (!jobId) return;
        set({ cancelling: true });
        try {
          const r = await api.call('runs/cancel-bulk-action', { jobId });
          if (!r.ok) set({ cancelling: false, error: r.message });
        } catch (error) {
          set({ cancelling: false, error: errorMessage(error) });
        }
      },

      dismiss() {
        if (get().phase === 'running' || get().phase === 'starting') return;
        set({ phase: 'idle', preview: null, selection: null, report: null, progress: null, jobId: null, error: null });
      },
    };
  });
}

export const useBulkStore = createBulkStore(core);
