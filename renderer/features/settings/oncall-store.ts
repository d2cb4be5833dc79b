import { create } from 'zustand';
import type { DutyTurn, OncallPerson, PersonSettings, Shift, ShiftDraft } from '../../../core/contract/oncall.ts';
import { coalesce } from '../../lib/coalesce.ts';
import { core, type CoreApi } from '../../lib/core-client.ts';
import { createLive, errorMessage } from '../../lib/live.ts';

export type OncallOutcome = { ok: true } | { ok: false; field: string | null; message: string };

export interface OncallState {
  shifts: Shift[];
  people: OncallPerson[];
  /** The caller's login when they signed in as a person (they may change their own settings). */
  me: string | null;
  /** Who is on duty now and whose turns come next (null until loaded). */
  duty: { at: number; now: DutyTurn[]; next: DutyTurn[] } | null;
  loaded: boolean;
  error: string | null;
  /** Keeps the rota fresh while the section shows: returns the release. */
  activate: () => () => void;
  addShift: (shift: ShiftDraft) => Promise<OncallOutcome>;
  removeShift: (id: number) => Promise<OncallOutcome>;
  savePerson: (settings: PersonSettings) => Promise<OncallOutcome>;
  /** The caller's own desktop, channels and quiet hours (an Operator's own; an Admin uses savePerson for anyone). */
  saveMine: (settings: PersonSettings) => Promise<OncallOutcome>;
}

const refused = (error: unknown): OncallOutcome => ({ ok: false, field: (error as { field?: string }).field ?? null, message: errorMessage(error) });
const draftOf = ({ id: _id, ...s }: Shift): ShiftDraft => s;

/** Who is on duty: the weekly rota, who is on duty now, and each person's own channels and quiet hours. */
export function createOncallStore(api: CoreApi) {
  return create<OncallState>()((set, get) => {
    const load = async () => {
      try {
        const [rota, duty] = await Promise.all([api.call('oncall/get-rota', {}), api.call('oncall/list-on-duty', {})]);
        set({ shifts: rota.shifts, people: rota.people, me: rota.me, duty, loaded: true, error: null });
      } catch (error) {
        set({ error: errorMessage(error), loaded: true });
      }
    };
    const refresh = coalesce(load);
    /** The whole rota is saved at once: the core keeps it as one list. */
    const saved = async (write: () => Promise<unknown>): Promise<OncallOutcome> => {
      try {
        await write();
        await load();
        return { ok: true };
      } catch (error) {
        return refused(error);
      }
    };
    return {
      shifts: [], people: [], me: null, duty: null, loaded: false, error: null,
      activate: createLive({ core: api, tables: ['oncall_shifts', 'oncall_people', 'users', 'notify_channels'], refresh: () => void refresh() }),
      addShift(shift) {
        return saved(() => api.call('oncall/set-rota', { shifts: [...get().shifts.map(draftOf), shift] }));
      },
      removeShift(id) {
        return saved(() => api.call('oncall/set-rota', { shifts: get().shifts.filter((s) => s.id !== id).map(draftOf) }));
      },
      savePerson(settings) {
        return saved(() => api.call('oncall/set-person-settings', settings));
      },
      saveMine({ login: _login, ...settings }) {
        return saved(() => api.call('oncall/set-my-settings', settings));
      },
    };
  });
}

export const useOncallStore = createOncallStore(core);
