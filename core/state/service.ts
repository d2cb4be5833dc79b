import type { BlindCause, ListStatesOutput, WorkflowState, WorkflowStateKind } from '../contract/states.ts';
import { WORKFLOW_STATES } from '../contract/states.ts';
import { resolveExpectations, scheduleLabel } from '../monitoring/index.ts';
import type { WorkflowFact } from '../store/ledger-facts.ts';
import type { MonitoringRepo } from '../store/monitoring-repo.ts';
import type { AlertFactsRepo } from '../store/alert-facts-repo.ts';
import type { AlertsRepo } from '../store/alerts-repo.ts';
import type { Ledger } from '../store/ledger.ts';
import type { WorkflowStateRepo } from '../store/workflow-state-repo.ts';
import { compareStates, deriveState, type StateInput } from './derive.ts';
import { connectorView, OFFLINE_GAP_MS, type CoreLife } from './sight.ts';

/**
 * The one live state per workflow. Run facts are kept by ingest (workflow_state); this adds the expectation, the
 * connector's sight and "now", and derives every workflow's state with one pure function. Every surface asks here.
 */
export class WorkflowStates {
  private readonly repo: WorkflowStateRepo;
  private readonly facts: AlertFactsRepo;
  private readonly rules: AlertsRepo;
  private readonly monitoring: MonitoringRepo;
  private cache: Expected | null = null;
  /** Whether Flowdeck was off before this core started (read once, at start). */
  readonly life: CoreLife;

  constructor(ledger: Pick<Ledger, 'workflowState' | 'alertFacts' | 'alertRules' | 'monitoring' | 'write'>, startedAt: number) {
    this.repo = ledger.workflowState;
    this.facts = ledger.alertFacts;
    this.rules = ledger.alertRules;
    this.monitoring = ledger.monitoring;
    const alive = this.repo.lastAlive();
    this.life = { offline: alive !== null && startedAt - alive > OFFLINE_GAP_MS ? { from: alive, to: startedAt } : null };
    // A ledger from before workflow_state (or a restored backup): its facts are computed once, by index, per workflow.
    const missing = this.repo.missing();
    if (missing.length) ledger.write(() => this.repo.refresh(missing, startedAt));
  }

  /** The core's sign of life (Flowdeck was running at `now`), written by its clock tick. */
  heartbeat(now: number): void {
    this.repo.heartbeat(now);
  }

  /** Per connector, why Flowdeck cannot see its workflows now (the same rule the states use). */
  blindness(now: number): Map<string, string> {
    const out = new Map<string, string>();
    for (const c of this.repo.connectorSights()) {
      const { blind } = connectorView(c, this.life, now);
      if (blind) out.set(c.id, blind.message);
    }
    return out;
  }

  /**
   * Workflows and their expectations, resolved again only when a workflow, its registry entry or a rule changed:
   * resolving reads every definition's schedule (GitHub YAML, n8n nodes) and costs ~10 ms at 30 workflows.
   */
  private expected(): Expected {
    const signature = this.monitoring.expectationSignature();
    if (this.cache?.signature !== signature) {
      const workflows = this.facts.workflows().filter((w) => !w.archived);
      const resolved = resolveExpectations(workflows, this.rules.listRules());
      const expectations = new Map<number, StateInput['expectation']>();
      for (const w of workflows) {
        const e = resolved.get(w.id);
        expectations.set(w.id, e?.schedule && e.basis !== 'observed'
          ? { source: e.basis, label: scheduleLabel(e.schedule), schedule: e.schedule, graceMs: e.graceMs }
          : { source: 'none', label: null, schedule: null, graceMs: e?.graceMs ?? 0 });
      }
      this.cache = { signature, workflows, expectations };
    }
    return this.cache;
  }

  list(now: number): ListStatesOutput {
    const { workflows, expectations } = this.expected();
    const runFacts = this.repo.all();
    const criticality = this.repo.criticalities();
    const connectors = new Map(this.repo.connectorSights().map((c) => [c.id, { sight: c, view: connectorView(c, this.life, now) }]));
    const states: WorkflowState[] = [];
    for (const wf of workflows) {
      const c = connectors.get(wf.connectorId);
      if (!c) continue;
      const input: StateInput = {
        workflow: { id: wf.id, name: wf.name, externalId: wf.externalId, active: wf.active, createdAt: wf.createdAt, criticality: criticality.get(wf.id) ?? null },
        connector: { id: c.sight.id, name: c.sight.name, kind: c.sight.kind },
        facts: runFacts.get(wf.id) ?? null,
        expectation: expectations.get(wf.id)!,
        ...c.view,
      };
      states.push(deriveState(input, now));
    }
    states.sort(compareStates);
    const counts = Object.fromEntries(WORKFLOW_STATES.map((s) => [s, 0])) as Record<WorkflowStateKind, number>;
    for (const s of states) counts[s.state]++;
    return { now, needsAttention: states.filter((s) => s.attention).length, counts, workflows: states, causes: distinctCauses(states) };
  }
}

interface Expected {
  signature: string;
  workflows: WorkflowFact[];
  expectations: Map<number, StateInput['expectation']>;
}

function distinctCauses(states: readonly WorkflowState[]): BlindCause[] {
  const out = new Map<string, BlindCause>();
  for (const s of states) {
    if (!s.cause) continue;
    const key = s.cause.kind === 'connector' ? `connector:${s.cause.connectorId}` : 'offline';
    if (!out.has(key)) out.set(key, s.cause);
  }
  return [...out.values()];
}
