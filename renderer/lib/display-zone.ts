import { create } from 'zustand';
import { core, type CoreApi } from './core-client.ts';
import { displayTimeZone, setDisplayTimeZone } from './format.ts';
import { createLive } from './live.ts';

export interface DisplayZoneState {
  /** The zone times are shown in now (format.ts reads the same). */
  zone: string;
  /** The zone chosen in Settings; null: the computer's. */
  chosen: string | null;
  /** Whether the core's setting has been read (pages open once it has, so their times are not redrawn). */
  known: boolean;
  /** Keep the zone in step with the core's alert settings while the console is open. */
  activate: () => () => void;
  /** Use this setting now (after Settings saved it). */
  apply: (chosen: string | null) => void;
}

/** The display time zone setting (kept in the core's alert settings), applied to format.ts. */
export function createDisplayZoneStore(api: CoreApi) {
  return create<DisplayZoneState>()((set) => {
    const apply = (chosen: string | null) => {
      setDisplayTimeZone(chosen);
      set({ zone: displayTimeZone(), chosen, known: true });
    };
    const load = async () => {
      try {
        apply((await api.call('alerts/get-settings', {})).displayTimeZone);
      } catch {
        // Unreadable for now (the connection dropped): the computer's zone, and the next connection asks again.
        set({ known: true });
      }
    };
    return {
      zone: displayTimeZone(), chosen: null, known: false, apply,
      activate: createLive({ core: api, tables: ['alert_settings'], refresh: () => void load() }),
    };
  });
}

export const useDisplayZone = createDisplayZoneStore(core);
