import { create } from 'zustand';
import type { MuteStatus } from '../../core/contract/alerts.ts';
import { coalesce } from '../lib/coalesce.ts';
import { core, type CoreApi } from '../lib/core-client.ts';
import { createLive } from '../lib/live.ts';

export interface MuteState {
  status: MuteStatus | null;
  refresh: () => Promise<void>;
  /** Refetch on alert settings and rule changes while the banner is shown. */
  activate: () => () => void;
}

/** Why notifications are held right now (alerts/get-mute-status), for the banner on every page. */
export function createMuteStore(api: CoreApi) {
  return create<MuteState>()((set) => {
    const refresh = coalesce(async () => {
      try {
        set({ status: await api.call('alerts/get-mute-status', {}) });
      } catch {
        // Keep the last answer: the connection banner says when the core is unreachable.
      }
    });
    return {
      status: null, refresh,
      activate: createLive({ core: api, tables: ['alert_settings', 'alert_rules'], refresh: () => void refresh() }),
    };
  });
}

export const useMuteStore = createMuteStore(core);
