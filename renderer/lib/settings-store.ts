import { create } from 'zustand';
import type { AlertSettings, NotifyChannel } from '../../core/contract/alerts.ts';
import { coalesce } from './coalesce.ts';
import { core, type CoreApi } from './core-client.ts';
import { useDisplayZone } from './display-zone.ts';
import { createLive, errorMessage } from './live.ts';
import { toggledChannel, type ChannelInput } from './channel-input.ts';

export type SaveOutcome = { ok: true } | { ok: false; field: string | null; message: string };

export interface SettingsState {
  channels: NotifyChannel[];
  settings: AlertSettings | null;
  error: string | null;
  /** Per channel: the outcome of the last "Send test". */
  tests: Record<number, { ok: boolean; message: string } | 'sending'>;
  activate: () => () => void;
  /** Creates a channel, or updates the one `draft.id` names (a draft without a secret keeps the stored one). */
  saveChannel: (draft: ChannelInput) => Promise<SaveOutcome>;
  /** Turns a channel on or off, leaving its settings and secrets as they are. */
  setChannelEnabled: (channel: NotifyChannel, enabled: boolean) => Promise<SaveOutcome>;
  deleteChannel: (id: number) => Promise<void>;
  testChannel: (id: number) => Promise<void>;
  saveSettings: (settings: AlertSettings) => Promise<SaveOutcome>;
  /** Mute or unmute notifications about one workflow. */
  toggleWorkflowMute: (workflowId: number) => Promise<SaveOutcome>;
}

const failure = (error: unknown): SaveOutcome => ({ ok: false, field: (error as { field?: string }).field ?? null, message: errorMessage(error) });

/** Notification channels, quiet hours and maintenance windows. */
export function createSettingsStore(api: CoreApi) {
  return create<SettingsState>()((set, get) => {
    const load = async () => {
      try {
        const [channels, settings] = await Promise.all([api.call('alerts/list-channels', {}), api.call('alerts/get-settings', {})]);
        set({ channels: channels.items, settings, error: null });
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    };
    const refresh = coalesce(load);
    return {
      channels: [], settings: null, error: null, tests: {},
      activate: createLive({ core: api, tables: ['notify_channels', 'deliveries', 'alert_settings'], refresh: () => void refresh() }),
      async saveChannel(draft) {
        try {
          await api.call('alerts/save-channel', draft);
          await load();
          return { ok: true };
        } catch (error) {
          return failure(error);
        }
      },
      setChannelEnabled(channel, enabled) {
        return get().saveChannel(toggledChannel(channel, enabled));
      },
      async deleteChannel(id) {
        await api.call('alerts/delete-channel', { id });
        await load();
      },
      async testChannel(id) {
        set({ tests: { ...get().tests, [id]: 'sending' } });
        try {
          const r = await api.call('alerts/test-channel', { id });
          set({ tests: { ...get().tests, [id]: { ok: r.ok, message: r.message } } });
        } catch (error) {
          set({ tests: { ...get().tests, [id]: { ok: false, message: errorMessage(error) } } });
        }
        await load();
      },
      async toggleWorkflowMute(workflowId) {
        const current = get().settings ?? await api.call('alerts/get-settings', {});
        const muted = current.mutedWorkflowIds.includes(workflowId);
        return get().saveSettings({ ...current, mutedWorkflowIds: muted ? current.mutedWorkflowIds.filter((x) => x !== workflowId) : [...current.mutedWorkflowIds, workflowId] });
      },
      async saveSettings(settings) {
        try {
          const saved = await api.call('alerts/save-settings', settings);
          set({ settings: saved });
          // Times everywhere follow a new display zone at once, without waiting for the change to be announced.
          useDisplayZone.getState().apply(saved.displayTimeZone);
          return { ok: true };
        } catch (error) {
          return failure(error);
        }
      },
    };
  });
}

export const useSettingsStore = createSettingsStore(core);
