import { KEEP_DAYS_MAX } from '../../../core/contract/monitoring.ts';
import { formatCount, formatDateTime } from '../../lib/format.ts';

export type KeepDaysInput = { ok: true; days: number } | { ok: false; message: string };

/** What the owner typed in "Keep run history for … days", read as whole days from 1 to KEEP_DAYS_MAX. */
export function parseKeepDays(text: string): KeepDaysInput {
  const t = text.trim();
  if (t === '') return { ok: false, message: 'Enter how many days to keep, e.g. 365.' };
  if (!/^\d+$/.test(t)) return { ok: false, message: 'Enter whole days, e.g. 365.' };
  const days = Number(t);
  if (days < 1) return { ok: false, message: 'Keep at least 1 day.' };
  if (days > KEEP_DAYS_MAX) return { ok: false, message: `At most ${formatCount(KEEP_DAYS_MAX)} days (about a hundred years).` };
  return { ok: true, days };
}

/** The answer to "Prune now": how many runs went, and from before when. */
export function pruneSentence(r: { deleted: number; cutoff: number }): string {
  if (r.deleted === 0) return `Nothing to remove: no run started before ${formatDateTime(r.cutoff)}.`;
  return `Removed ${formatCount(r.deleted)} run${r.deleted === 1 ? '' : 's'} that started before ${formatDateTime(r.cutoff)}. `
    + 'Their daily totals stay.';
}
