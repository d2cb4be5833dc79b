import { create } from 'zustand';
import type { BlastRadius, ListEdgesOutput } from '../../../core/contract/map.ts';
import type { RegistryRow } from '../../../core/contract/registry.ts';
import { coalesce } from '../../lib/coalesce.ts';
import { core, type CoreApi } from '../../lib/core-client.ts';
import { createLive, errorMessage } from '../../lib/live.ts';

/** Tables the map is drawn from: definitions (edges), registry tags, the edges added or hidden by hand. */
export const MAP_TABLES = ['workflows', 'workflow_registry', 'workflow_versions', 'map_edges', 'connectors'] as const;

export interface MapState {
  workflows: RegistryRow[];
  edges: ListEdgesOutput | null;
  phase: 'loading' | 'ready' | 'error';
  error: string | null;
  /** The selected workflow's blast radius (null while it loads). */
  blast: { workflowId: number; radius: BlastRadius } | null;
  activate: () => () => void;
  reload: () => Promise<void>;
  loadBlast: (workflowId: number) => Promise<void>;
  /** The last add/remove answer, shown beside the buttons. */
  notice: string | null;
  addEdge: (from: number, to: number, note: string | null) => Promise<void>;
  /** Removes a manual edge (by id) or hides an inferred one (by key). */
  removeEdge: (target: { id: number } | { key: string }) => Promise<void>;
  unhideEdge: (id: number) => Promise<void>;
  /** The map as Mermaid or DOT text, for a download. */
  mapText: (format: 'mermaid' | 'dot') => Promise<string | null>;
}

export function createMapStore(api: CoreApi) {
  return create<MapState>()((set, get) => {
    const load = coalesce(async () => {
      if (!get().edges) set({ phase: 'loading', error: null });
      try {
        const [entries, edges] = await Promise.all([api.call('registry/list-entries', { includeArchived: false }), api.call('registry/list-edges', {})]);
        set({ workflows: entries.items, edges, phase: 'ready', error: null });
        const b = get().blast;
        if (b) void get().loadBlast(b.workflowId);
      } catch (error) {
        if (!get().edges) set({ phase: 'error', error: errorMessage(error) });
      }
    });
    return {
      workflows: [], edges: null, phase: 'loading', error: null, blast: null, notice: null,
      addEdge: async (from, to, note) => {
        try {
          set({ notice: (await api.call('registry/add-edge', { from, to, note })).message });
        } catch (error) {
          set({ notice: errorMessage(error) });
        }
        await load();
      },
      removeEdge: async (target) => {
        try {
          set({ notice: (await api.call('registry/remove-edge', target)).message });
        } catch (error) {
          set({ notice: errorMessage(error) });
        }
        await load();
      },
      mapText: async (format) => {
        try {
          const text = await api.call('registry/get-map-text', {});
          return format === 'mermaid' ? text.mermaid : text.dot;
        } catch (error) {
          set({ notice: errorMessage(error) });
          return null;
        }
      },
      unhideEdge: async (id) => {
        try {
          set({ notice: (await api.call('registry/unhide-edge', { id })).message });
        } catch (error) {
          set({ notice: errorMessage(error) });
        }
        await load();
      },
      activate: createLive({ core: api, tables: MAP_TABLES, refresh: () => void load() }),
      reload: () => load(),
      loadBlast: async (workflowId) => {
        try {
          const radius = await api.call('registry/get-blast-radius', { workflowId });
          set({ blast: { workflowId, radius } });
        } catch {
          set({ blast: null });
        }
      },
    };
  });
}

export const useMapStore = createMapStore(core);
