import type { AlertRule, AlertSettings, Severity } from '../contract/alerts.ts';
import type { NotificationMessage } from '../platform/notify/types.ts';
import type { IncidentRecord } from '../store/incidents-repo.ts';

import type { ConnectorFact, LedgerSnapshot, RunFact, UsageFacts, WorkflowFact } from '../store/ledger-facts.ts';

export type { ConnectorFact, LedgerSnapshot, RunFact, UsageFacts, WorkflowFact };

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

/** What the engine hands the on-call pager at each evaluation (core/oncall/ implements IncidentPaging). */
export interface PagingContext {
  now: number;
  settings: AlertSettings;
  /** The enabled rules by id. */
  rules: ReadonlyMap<number, AlertRule>;
  /** The words a notification of this kind about this incident carries (the same as the channels get). */
  message(kind: 'opened' | 'escalated', rule: AlertRule, i: IncidentRecord, extra?: string): NotificationMessage;
}

/**
 * Paging people about incidents: the workflow's owner and whoever is on duty when an incident's first notification goes
 * out, then escalation along the rota while nobody acknowledges. Called inside the engine's write transaction; `flush`
 * runs after it commits (it announces the pages).
 */
export interface IncidentPaging {
  /** The incident's opening notification went out on `queuedChannels` (a person's channel among them is not queued twice). */
  opened(i: IncidentRecord, rule: AlertRule, message: NotificationMessage, queuedChannels: readonly number[], now: number): void;
  /** Escalation steps that are due, and pages a person's quiet hours held. Returns how many people were paged. */
  tick(ctx: PagingContext): number;
  flush(): void;
}
