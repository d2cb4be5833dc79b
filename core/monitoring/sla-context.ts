import type { Ledger } from '../store/ledger.ts';
import type { SlaContext } from './sla.ts';
import { resolveExpectations } from './sla-expectations.ts';

const REFRESH_MS = 10 * 60_000;

/**
 * The SLA page's expectations, rebuilt only when a workflow, its registry entry or a rule changed (or every ten
 * minutes, for first-run weeks a backfill moved): resolving them parses every workflow definition.
 */
export function slaContextSource(ledger: Pick<Ledger, 'monitoring' | 'alertFacts' | 'alertRules'>): (now: number) => SlaContext {
  const { monitoring: repo, alertFacts: facts, alertRules: rules } = ledger;
  let cached: { signature: string; at: number; value: Omit<SlaContext, 'now'> } | null = null;
  return (now) => {
    const signature = repo.expectationSignature();
    if (!cached || cached.signature !== signature || Math.abs(now - cached.at) > REFRESH_MS) {
      const workflows = facts.workflows();
      cached = {
        signature, at: now,
        value: {
          expectations: resolveExpectations(workflows, rules.listRules()),
          createdAt: new Map(workflows.map((w) => [w.id, w.createdAt])),
          firstWeeks: repo.firstWeeks(),
        },
      };
    }
    return { now, ...cached.value };
  };
}
