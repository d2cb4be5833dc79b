import { evaluateRule } from './evaluate.ts';
import { decide, type IncidentState } from './incidents.ts';
import type { LedgerSnapshot, Rule, RunFact } from './types.ts';

export interface PreviewResult {
  fired: number;
  steps: number;
  targets: { target: string; name: string; firings: number }[];
}

/** The runs of each workflow that a rule can see at `t` (started by then; at most `keep` older than the window). */
function viewAt(snap: LedgerSnapshot, t: number): LedgerSnapshot {
  const runsByWorkflow = new Map<number, readonly RunFact[]>();
  for (const [id, runs] of snap.runsByWorkflow) {
    let lo = 0;
    let hi = runs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (runs[mid]!.startedAt <= t) lo = mid + 1;
      else hi = mid;
    }
    runsByWorkflow.set(id, runs.slice(0, lo));
  }
  const workflows = snap.workflows.map((w) => {
    const seen = runsByWorkflow.get(w.id);
    return { ...w, lastStartedAt: seen?.length ? seen.at(-1)!.startedAt : null };
  });
  return { ...snap, workflows, runsByWorkflow };
}

/**
 * Pure: replays a rule over history, one evaluation every `stepMs` from `from` to `to`, with the same
 * incident logic as the engine (dedupe, recovery, flap suppression), and counts the incidents it would open.
 */
export function previewRule(rule: Rule, snap: LedgerSnapshot, from: number, to: number, stepMs: number): PreviewResult {
  const state = new Map<string, IncidentState>();
  const firings = new Map<string, { name: string; n: number }>();
  let steps = 0;
  for (let t = from; t <= to; t += stepMs) {
    steps++;
    const view = viewAt(snap, t);
    const findings = new Map(evaluateRule({ ...rule, enabled: true }, view, t).map((f) => [f.target, f]));
    for (const target of new Set([...findings.keys(), ...state.keys()])) {
      const s = state.get(target) ?? null;
      const f = findings.get(target) ?? null;
      const d = decide(s, f, rule.routing, t);
      if (d.kind === 'open') {
        state.set(target, { status: 'open', openedAt: t, acknowledgedAt: null, resolvedAt: null, clearSince: null, snoozedUntil: null, lastNotifiedAt: t, reminders: 0, escalatedAt: null, flaps: 0 });
        const entry = firings.get(target) ?? { name: f!.targetName, n: 0 };
        entry.n++;
        firings.set(target, entry);
      } else if (d.kind === 'reopen') state.set(target, { ...s!, status: 'open', resolvedAt: null, clearSince: null, flaps: s!.flaps + 1 });
      else if (d.kind === 'update' && s!.clearSince !== null) state.set(target, { ...s!, clearSince: null });
      else if (d.kind === 'clearing') state.set(target, { ...s!, clearSince: t });
      else if (d.kind === 'resolve') state.set(target, { ...s!, status: 'resolved', resolvedAt: t, clearSince: null });
    }
  }
  const targets = [...firings].map(([target, v]) => ({ target, name: v.name, firings: v.n })).sort((a, b) => b.firings - a.firings);
  return { fired: targets.reduce((a, b) => a + b.firings, 0), steps, targets: targets.slice(0, 50) };
}
