import { create } from 'zustand';
import type { ConnectorUsage, UsagePlanInput } from '../../../core/contract/usage.ts';
import { coalesce } from '../../lib/coalesce.ts';
import { core, type CoreApi } from '../../lib/core-client.ts';
import { createLive, errorMessage } from '../../lib/live.ts';

export type PlanOutcome = { ok: true } | { ok: false; field: string | null; message: string };

export interface UsageState {
  connectors: ConnectorUsage[];
  /** The core's clock when the figures were read. */
  now: number | null;
  loaded: boolean;
  error: string | null;
  /** Keeps the figures fresh while the page shows (new runs, plan changes): returns the release. */
  activate: () => () => void;
  reload: () => Promise<void>;
  savePlan: (plan: UsagePlanInput) => Promise<PlanOutcome>;
}

/** Use against each connector's plan: the `usage/*` methods. */
export function createUsageStore(api: CoreApi) {
  return create<UsageState>()((set) => {
    const load = async () => {
      try {
        const r = await api.call('usage/get-summary', {});
        set({ connectors: r.connectors, now: r.now, loaded: true, error: null });
      } catch (error) {
        set({ error: errorMessage(error), loaded: true });
      }
    };
    const refresh = coalesce(load);
    return {
      connectors: [], now: null, loaded: false, error: null,
      activate: createLive({ core: api, tables: ['runs', 'usage_plans', 'connectors'], refresh: () => void refresh() }),
      reload: load,
      async savePlan(plan) {
        try {
          await api.call('usage/set-plan', plan);
          await load();
          return { ok: true };
        } catch (error) {
          return { ok: false, field: (error as { field?: string }).field ?? null, message: errorMessage(error) };
        }
      },
    };
  });
}

export const useUsageStore = createUsageStore(core);
