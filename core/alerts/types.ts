import type { AlertRule, Severity } from '../contract/alerts.ts';

import type { ConnectorFact, LedgerSnapshot, RunFact, WorkflowFact } from '../store/ledger-facts.ts';

export type { ConnectorFact, LedgerSnapshot, RunFact, WorkflowFact };

/** A rule whose condition holds for one target right now. */
export interface Finding {
  ruleId: number;
  /** `workflow:<id>` or `connector:<id>`. */
  target: string;
  targetName: string;
  workflowId: number | null;
  connectorId: string | null;
  severity: Severity;
  /** Why the severity is above the rule's (a long failing streak, a critical workflow). */
  severityReason?: string;
  summary: string;
  runIds: number[];
}

export type Rule = Pick<AlertRule, 'id' | 'name' | 'enabled' | 'muted' | 'severity' | 'scope' | 'condition' | 'routing'>;
