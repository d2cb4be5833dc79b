import type { AlertRule, AlertSettings, MuteReason, MuteStatus } from '../contract/alerts.ts';
import { activeWindows, PAUSE_WINDOW_ID, quietHoursUntil } from './policy.ts';

export interface MuteFacts {
  settings: AlertSettings;
  rules: readonly Pick<AlertRule, 'name' | 'enabled' | 'muted'>[];
  /** A workflow's name (a deleted one has none). */
  workflowName: (id: number) => string | undefined;
}

/** "“A”", "“A” and “B”", "“A”, “B” and 3 more". */
function nameList(names: readonly string[], max = 2): string {
  const quoted = names.map((n) => `“${n}”`);
  if (quoted.length <= max + 1) return quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
  return `${quoted.slice(0, max).join(', ')} and ${quoted.length - max} more`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The workflows' names ("“A” and “B”"), or their number when none is known any more. */
function workflowsWords(ids: readonly number[], name: (id: number) => string | undefined): string {
  const known = ids.map(name).filter((n): n is string => n !== undefined);
  return known.length ? nameList(known) : plural(ids.length, 'workflow');
}

/**
 * Pure: every reason notifications are held at `now`, from the same rules the alert engine applies (policy.ts): the
 * tray's pause, maintenance windows in force, quiet hours in force, enabled rules that are muted, muted workflows.
 * Snoozes are left out: they belong to one incident and show on it.
 */
export function muteStatus(facts: MuteFacts, now: number): MuteStatus {
  const { settings } = facts;
  const reasons: MuteReason[] = [];
  const windows = activeWindows(settings, now).sort((a, b) => a.to - b.to);
  for (const w of windows.filter((x) => x.id === PAUSE_WINDOW_ID)) {
    reasons.push({ kind: 'paused', label: 'Notifications are paused', until: w.to });
  }
  for (const w of windows.filter((x) => x.id !== PAUSE_WINDOW_ID)) {
    const what = w.workflowIds.length === 0 ? 'every workflow' : workflowsWords(w.workflowIds, facts.workflowName);
    reasons.push({ kind: 'maintenance', label: `Maintenance${w.label.trim() ? ` “${w.label.trim()}”` : ''} mutes ${what}`, until: w.to });
  }
  const quietUntil = quietHoursUntil(settings, now);
  if (quietUntil !== null) reasons.push({ kind: 'quiet_hours', label: 'Quiet hours: only critical incidents notify', until: quietUntil });
  const rules = facts.rules.filter((r) => r.enabled && r.muted).map((r) => r.name);
  if (rules.length) {
    reasons.push({ kind: 'rules_muted', label: rules.length === 1 ? `The rule ${nameList(rules)} is muted` : `${rules.length} rules are muted: ${nameList(rules)}`, until: null });
  }
  const muted = settings.mutedWorkflowIds;
  if (muted.length) {
    reasons.push({ kind: 'workflows_muted', label: `Notifications about ${workflowsWords(muted, facts.workflowName)} are muted`, until: null });
  }
  return { muted: reasons.length > 0, reasons };
}
