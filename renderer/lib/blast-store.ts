import { useEffect } from 'react';
import { create } from 'zustand';
import type { BlastRadius } from '../../core/contract/map.ts';
import { core, type CoreApi } from './core-client.ts';
import { createLive } from './live.ts';

/** Tables whose change moves a blast radius: the links (definitions, edges by hand) and incidents (a state turning bad). */
const BLAST_TABLES = ['workflows', 'workflow_versions', 'map_edges', 'incidents'] as const;

interface BlastState {
  byWorkflow: Record<number, BlastRadius>;
  load: (workflowId: number) => Promise<void>;
}

/** The blast radius of a workflow (registry/get-blast-radius), for an incident's page and a workflow's page. */
export function createBlastStore(api: CoreApi) {
  return create<BlastState>()((set) => ({
    byWorkflow: {},
    load: async (workflowId) => {
      try {
        const radius = await api.call('registry/get-blast-radius', { workflowId });
        set((s) => ({ byWorkflow: { ...s.byWorkflow, [workflowId]: radius } }));
      } catch {
        // An older core, or a workflow gone: the page simply says nothing about its neighbours.
      }
    },
  }));
}

export const useBlastStore = createBlastStore(core);

/** Keeps one workflow's blast radius fresh while shown; null until it arrives. */
export function useBlastRadius(workflowId: number | null): BlastRadius | null {
  const load = useBlastStore((s) => s.load);
  const radius = useBlastStore((s) => (workflowId === null ? null : s.byWorkflow[workflowId] ?? null));
  useEffect(() => {
    if (workflowId === null) return;
    const release = createLive({ core, tables: BLAST_TABLES, refresh: () => void load(workflowId) })();
    return release;
  }, [workflowId, load]);
  return radius;
}
