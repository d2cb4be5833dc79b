import { create } from 'zustand';
import type { DigestSettings, DigestSettingsOutput, Report } from '../../../core/contract/reports.ts';
import { core, type CoreApi } from '../../lib/core-client.ts';
import { displayTimeZone } from '../../lib/format.ts';
import { createLive } from '../../lib/live.ts';

export type ReportPeriod = 'week' | 'month';

export interface ReportsState {
  period: ReportPeriod;
  /** 0: this week or month so far, -1: the one before, … */
  offset: number;
  data: Report | null;
  phase: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  activate: () => () => void;
  choose: (period: ReportPeriod, offset: number) => void;
  reload: () => Promise<void>;
}

/** The week's or month's report, in the display time zone, refreshed when runs, incidents or versions change. */
export function createReportsStore(api: CoreApi) {
  return create<ReportsState>()((set, get) => {
    let ticket = 0;
    const reload = async () => {
      const mine = ++ticket;
      const { period, offset } = get();
      set({ phase: get().data ? 'ready' : 'loading' });
      try {
        const data = await api.call('reports/get-report', { period, offset, timeZone: displayTimeZone() });
        if (mine === ticket) set({ data, phase: 'ready', error: null });
      } catch (error) {
        if (mine === ticket) set({ phase: 'error', error: error instanceof Error ? error.message : String(error) });
      }
    };
    return {
      period: 'week', offset: -1, data: null, phase: 'idle', error: null,
      activate: createLive({ core: api, tables: ['runs', 'incidents', 'workflow_versions', 'workflow_registry'], refresh: () => void reload() }),
      choose: (period, offset) => {
        set({ period, offset, data: null });
        void reload();
      },
      reload,
    };
  });
}

export const useReportsStore = createReportsStore(core);

/** The signed-in person's login (null: not a person, e.g. the desktop or a token) and everyone who can have a digest. */
export async function loadPeople(): Promise<{ me: string | null; people: { login: string; displayName: string }[] }> {
  const rota = await core.call('oncall/get-rota', {});
  return { me: rota.me, people: rota.people.filter((p) => !p.disabled).map((p) => ({ login: p.login, displayName: p.displayName })) };
}

/** A person's digest settings. */
export async function loadDigest(login: string): Promise<DigestSettingsOutput> {
  return core.call('reports/get-digest-settings', { login });
}

/** Saves the caller's own digest (an Operator's or an Admin's; the core takes the login from the session). */
export async function saveMyDigest(form: Omit<DigestSettings, 'login'>): Promise<DigestSettingsOutput> {
  return core.call('reports/set-my-digest-settings', form);
}

/** Saves anyone's digest: an Admin's. */
export async function saveDigestFor(settings: DigestSettings): Promise<DigestSettingsOutput> {
  return core.call('reports/set-digest-settings', settings);
}

/** Sets how many minutes one run of a workflow saves (null: none), then redraws the report. */
export async function saveMinutesSaved(workflowId: number, minutesPerRun: number | null): Promise<void> {
  await core.call('reports/set-minutes-saved', { workflowId, minutesPerRun });
  await useReportsStore.getState().reload();
}
