import type { MaintenanceWindow } from '../../../core/contract/alerts.ts';
import { formatDuration, formatWhen, fromDateTimeLocal } from '../../lib/format.ts';

const MINUTE = 60_000;

/** The "Add a maintenance window" form. Nothing is chosen for the owner: no scope, no start. */
export interface WindowForm {
  label: string;
  /** '' until chosen; 'all' or `w:<workflow id>`. */
  scope: string;
  /** "Start now for …" */
  minutes: number;
  /** "Schedule": datetime-local values in the display zone. */
  from: string;
  to: string;
}

export const EMPTY_WINDOW: WindowForm = { label: '', scope: '', minutes: 60, from: '', to: '' };
export const DURATIONS = [15, 30, 60, 120, 240, 480, 1440];
export type StartMode = 'now' | 'schedule';

type Outcome = { ok: true; window: MaintenanceWindow; summary: string } | { ok: false; message: string };

/** What the window mutes, in words: "every workflow", "“Invoice sync”". */
export function scopeWords(workflowIds: readonly number[], name: (id: number) => string | undefined): string {
  if (workflowIds.length === 0) return 'every workflow';
  return workflowIds.map((id) => `“${name(id) ?? `workflow ${id}`}”`).join(', ');
}

/**
 * The window the form describes, with the sentence that says what it will mute and until when; or why it cannot be
 * saved (the core refuses the same). A scheduled window must start now or later and end after it starts.
 */
export function windowFrom(f: WindowForm, mode: StartMode, now: number, id: string, name: (id: number) => string | undefined): Outcome {
  if (f.scope === '') return { ok: false, message: 'Choose what to mute: every workflow, or one workflow.' };
  const workflowIds = f.scope === 'all' ? [] : [Number(f.scope.slice(2))];
  const what = scopeWords(workflowIds, name);
  const label = f.label.trim();
  if (mode === 'now') {
    const to = now + f.minutes * MINUTE;
    return { ok: true, window: { id, label, from: now, to, workflowIds }, summary: `Mutes ${what} from now for ${formatDuration(f.minutes * MINUTE)}, until ${formatWhen(to, now)}.` };
  }
  const from = fromDateTimeLocal(f.from);
  const to = fromDateTimeLocal(f.to);
  if (from === null || to === null) return { ok: false, message: 'Enter when the window starts and when it ends.' };
  if (to <= from) return { ok: false, message: 'The window must end after it starts.' };
  if (to <= now) return { ok: false, message: 'This window would already be over. Choose an end in the future.' };
  if (from < now - MINUTE) return { ok: false, message: 'This window would start in the past. Choose a later start, or use “Start now”.' };
  return { ok: true, window: { id, label, from, to, workflowIds }, summary: `Mutes ${what} from ${formatWhen(from, now)}, until ${formatWhen(to, now)}.` };
}

export function windowState(w: Pick<MaintenanceWindow, 'from' | 'to'>, now: number): 'active' | 'upcoming' | 'over' {
  if (now >= w.to) return 'over';
  return now >= w.from ? 'active' : 'upcoming';
}
