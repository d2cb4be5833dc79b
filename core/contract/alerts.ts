import { z } from 'zod';
import { WorkflowState } from './states.ts';
import { AuditEntry } from './system.ts';

const MINUTE = 60_000;
const epochMs = z.number().int().nonnegative();
const minutes = (max: number) => z.number().int('must be whole minutes').min(0, 'cannot be negative').max(max);
const positiveMinutes = (max: number) => z.number().int('must be whole minutes').min(1, 'must be at least 1 minute').max(max);

export const Severity = z.enum(['critical', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

/** Which workflows a rule watches. Tag scopes match vendor and registry tags; environment scopes match the registry's environment. */
export const RuleScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('workflow'), workflowId: z.number().int().positive() }),
  z.object({ kind: z.literal('tag'), tag: z.string().trim().min(1).max(100) }),
  z.object({ kind: z.literal('environment'), environment: z.string().trim().min(1).max(100) }),
]);
export type RuleScope = z.infer<typeof RuleScope>;

/** When a missed run is due: a fixed interval, or a cron expression read in a time zone. */
export const ExpectedSchedule = z.discriminatedUnion('kind', [
  /** `graceMinutes` (registry and heartbeat schedules): how long after the due time a run still counts; a rule's own grace wins. */
  z.object({ kind: z.literal('interval'), everyMinutes: positiveMinutes(60 * 24 * 31), graceMinutes: minutes(7 * 24 * 60).optional() }),
  z.object({ kind: z.literal('cron'), cron: z.string().trim().min(1).max(200), timezone: z.string().trim().min(1).max(100).default('UTC'),
    graceMinutes: minutes(7 * 24 * 60).optional() }),
  /** The registry's expected schedule for the workflow, else the vendor's own definition (n8n Schedule Trigger) when it has one. */
  z.object({ kind: z.literal('auto') }),
]);
export type ExpectedSchedule = z.infer<typeof ExpectedSchedule>;

export const RuleCondition = z.discriminatedUnion('kind', [
  /** Any failed run. `graceMinutes`: wait that long for the vendor's retry or a later success before firing. */
  z.object({ kind: z.literal('any_failure'), graceMinutes: minutes(24 * 60).default(0) }),
  z.object({ kind: z.literal('consecutive_failures'), count: z.number().int().min(2, 'must be at least 2').max(1000) }),
  z.object({
    kind: z.literal('failure_rate'),
    percent: z.number().gt(0, 'must be above 0 %').max(100, 'cannot exceed 100 %'),
    windowMinutes: positiveMinutes(60 * 24 * 31),
    minRuns: z.number().int().min(1, 'must be at least 1').max(100_000),
  }),
  z.object({
    kind: z.literal('duration'),
    /** Fires when the latest run took longer than this… */
    thresholdMs: z.number().int().positive('must be above 0').nullable().default(null),
    /** …or longer than this multiple of the workflow's own p95 over the last 7 days. */
    p95Factor: z.number().gt(1, 'must be above 1').max(1000).nullable().default(null),
  }),
  z.object({ kind: z.literal('missed_run'), schedule: ExpectedSchedule, graceMinutes: minutes(7 * 24 * 60).default(5) }),
  z.object({ kind: z.literal('zero_items') }),
  /** A connector Flowdeck cannot poll (or Flowdeck not running): one incident per cause, its workflows `unknown` under it. */
  z.object({ kind: z.literal('connector_attention') }),
  /** A workflow switched off on its vendor's side (not by Flowdeck). */
  z.object({ kind: z.literal('vendor_paused') }),
  /** Opt-in breaker: N failures within M minutes pauses (deactivates) the workflow and tells the owner. */
  z.object({ kind: z.literal('breaker'), failures: z.number().int().min(1).max(10_000), withinMinutes: positiveMinutes(24 * 60) }),
  /** A connector's use is forecast to pass this share of its plan's quota by the end of the billing cycle (docs/usage.md). */
  z.object({ kind: z.literal('usage_forecast'), percent: z.number().gt(0, 'must be above 0 %').max(1000, 'cannot exceed 1000 %') }),
  /**
   * A runaway loop: a workflow's use in the last hour is `factor` times its usual busiest hour (the median of each
   * day's busiest hour over the week before) and at least `minUse` (runs, operations, tasks or minutes).
   */
  z.object({ kind: z.literal('usage_runaway'), factor: z.number().gt(1, 'must be above 1').max(1000).default(5),
    minUse: z.number().int().min(1, 'must be at least 1').max(1_000_000).default(50) }),
]);
export type RuleCondition = z.infer<typeof RuleCondition>;
export type ConditionKind = RuleCondition['kind'];

export const RuleRouting = z.object({
  channelIds: z.array(z.number().int().positive()).max(20).default([]),
  /** Remind every N minutes until acknowledged (null: no reminders). */
  remindEveryMinutes: positiveMinutes(7 * 24 * 60).nullable().default(null),
  /** Escalate to the backup channels after M minutes unacknowledged (null: never). */
  escalateAfterMinutes: positiveMinutes(7 * 24 * 60).nullable().default(null),
  backupChannelIds: z.array(z.number().int().positive()).max(20).default([]),
  /** The condition must stay clear this long before the incident resolves itself. */
  recoveryMinutes: minutes(24 * 60).default(0),
  /** A condition that comes back within this time of resolving reopens the same incident, silently. */
  flapMinutes: minutes(24 * 60).default(30),
});
export type RuleRouting = z.infer<typeof RuleRouting>;

export const RuleDraft = z.object({
  name: z.string().trim().min(1, 'Give the rule a name: its incidents and notifications are titled with it.').max(200),
  enabled: z.boolean().default(true),
  muted: z.boolean().default(false),
  severity: Severity.default('warning'),
  scope: RuleScope,
  condition: RuleCondition,
  routing: RuleRouting.default(RuleRouting.parse({})),
});
export type RuleDraft = z.infer<typeof RuleDraft>;

export const AlertRule = RuleDraft.extend({ id: z.number().int(), createdAt: epochMs, updatedAt: epochMs });
export type AlertRule = z.infer<typeof AlertRule>;

export const ChannelKind = z.enum(['slack', 'teams', 'webhook', 'email', 'desktop', 'ntfy', 'pushover', 'telegram', 'discord']);
export type ChannelKind = z.infer<typeof ChannelKind>;

/** ntfy's own topic rule (letters, digits, `-` and `_`, at most 64): docs/vendors.md P1. */
export const NTFY_TOPIC = /^[-_A-Za-z0-9]{1,64}$/;
/** A Telegram chat: a numeric id (groups and channels are negative) or a public channel's `@username`: docs/vendors.md P8. */
export const TELEGRAM_CHAT_ID = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$/;

/**
 * Non-secret channel settings. Webhook URLs, signing keys, SMTP passwords and the phone channels' tokens travel as
 * `secret` (and `signingSecret`), stored apart in the keychain.
 */
export const ChannelConfig = z.object({
  smtpHost: z.string().trim().max(300).optional(),
  smtpPort: z.number().int().min(1).max(65535).optional(),
  smtpSecure: z.boolean().optional(),
  smtpUser: z.string().max(300).optional(),
  from: z.string().max(300).optional(),
  to: z.array(z.string().email()).max(50).optional(),
  /** ntfy: the server's address (https://ntfy.sh or a self-hosted one). */
  ntfyServer: z.string().trim().max(500).optional(),
  /** ntfy: the topic the phone subscribes to. */
  ntfyTopic: z.string().trim().regex(NTFY_TOPIC, 'Use only letters, digits, - and _ (at most 64).').optional(),
  /** Telegram: the chat the bot writes to. */
  telegramChatId: z.string().trim().regex(TELEGRAM_CHAT_ID, 'A chat id is a number like 123456789 or -1001234567890, or @channelname.').optional(),
}).strict();
export type ChannelConfig = z.infer<typeof ChannelConfig>;

export const ChannelDraft = z.object({
  id: z.number().int().positive().optional(),
  kind: ChannelKind,
  name: z.string().trim().min(1, 'give the channel a name').max(200),
  enabled: z.boolean().default(true),
  config: ChannelConfig.default({}),
  /**
   * Webhook URL (Slack, Teams, webhook, Discord), signing key is `signingSecret`; SMTP password for email; access token
   * (ntfy, optional); bot token (Telegram); application API token (Pushover), whose user key is `signingSecret`. Omit to keep.
   */
  secret: z.string().max(4000).optional(),
  signingSecret: z.string().max(400).optional(),
}).strict();
export type ChannelDraft = z.infer<typeof ChannelDraft>;

export const NotifyChannel = z.object({
  id: z.number().int(),
  kind: ChannelKind,
  name: z.string(),
  enabled: z.boolean(),
  config: ChannelConfig,
  hasSecret: z.boolean(),
  lastSuccessAt: epochMs.nullable(),
  lastFailureAt: epochMs.nullable(),
  lastError: z.string().nullable(),
  pendingDeliveries: z.number().int(),
});
export type NotifyChannel = z.infer<typeof NotifyChannel>;

export const TimeWindow = z.object({
  /** Minutes after local midnight, in `timezone`. */
  startMinute: z.number().int().min(0).max(1439),
  endMinute: z.number().int().min(0).max(1439),
  timezone: z.string().trim().min(1).max(100).default('UTC'),
});

export const MaintenanceWindow = z.object({
  id: z.string().min(1).max(50),
  label: z.string().max(200).default(''),
  from: epochMs,
  to: epochMs,
  workflowIds: z.array(z.number().int().positive()).max(500).default([]),
}).refine((w) => w.to > w.from, { message: 'must end after it starts', path: ['to'] });
export type MaintenanceWindow = z.infer<typeof MaintenanceWindow>;

export const AlertSettings = z.object({
  quietHours: TimeWindow.extend({ enabled: z.boolean() }).default({ enabled: false, startMinute: 22 * 60, endMinute: 7 * 60, timezone: 'UTC' }),
  maintenanceWindows: z.array(MaintenanceWindow).max(100).default([]),
  mutedWorkflowIds: z.array(z.number().int().positive()).max(5000).default([]),
  /** The time zone every time, date and schedule is shown in (an IANA name); null: the zone of the computer showing it. */
  displayTimeZone: z.string().trim().min(1).max(100).nullable().default(null),
});
export type AlertSettings = z.infer<typeof AlertSettings>;

/**
 * Why notifications are held right now: the tray's pause, a maintenance window, quiet hours (critical incidents still
 * notify), muted rules, muted workflows. `label` is plain words; `until` is when it ends by itself (null: until undone).
 */
export const MuteReason = z.object({
  kind: z.enum(['paused', 'maintenance', 'quiet_hours', 'rules_muted', 'workflows_muted']),
  label: z.string(),
  until: epochMs.nullable(),
});
export type MuteReason = z.infer<typeof MuteReason>;

export const MuteStatus = z.object({ muted: z.boolean(), reasons: z.array(MuteReason) });
export type MuteStatus = z.infer<typeof MuteStatus>;

export const IncidentStatus = z.enum(['open', 'acknowledged', 'resolved']);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

export const Incident = z.object({
  id: z.number().int(),
  ruleId: z.number().int(),
  ruleName: z.string(),
  conditionKind: z.string(),
  target: z.string(),
  targetName: z.string(),
  workflowId: z.number().int().nullable(),
  connectorId: z.string().nullable(),
  severity: Severity,
  status: IncidentStatus,
  summary: z.string(),
  runIds: z.array(z.number().int()),
  openedAt: epochMs,
  acknowledgedAt: epochMs.nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: epochMs.nullable(),
  resolvedBy: z.string().nullable(),
  snoozedUntil: epochMs.nullable(),
  lastNotifiedAt: epochMs.nullable(),
  reminders: z.number().int(),
  escalatedAt: epochMs.nullable(),
  flaps: z.number().int(),
  /** The vendor's page for the latest run behind it, else for the workflow ("open in vendor"). */
  deepLink: z.string().nullable(),
});
export type Incident = z.infer<typeof Incident>;

/** A workflow version the failures behind an incident followed (link: the Workflows page diff of that version). */
export const IncidentCorrelation = z.object({
  workflowId: z.number().int(), versionId: z.number().int(), versionNumber: z.number().int(), minutes: z.number().int(), message: z.string(),
});
export type IncidentCorrelation = z.infer<typeof IncidentCorrelation>;

export const IncidentEvent = z.object({ id: z.number().int(), at: epochMs, kind: z.string(), actor: z.string().nullable(), detail: z.string().nullable() });
export type IncidentEvent = z.infer<typeof IncidentEvent>;

export const Delivery = z.object({
  id: z.number().int(), channelId: z.number().int(), channelName: z.string(), kind: z.string(),
  status: z.enum(['pending', 'sent', 'failed']), attempts: z.number().int(), lastError: z.string().nullable(),
  createdAt: epochMs, sentAt: epochMs.nullable(),
});
export type Delivery = z.infer<typeof Delivery>;

export const SNOOZE_MAX_MS = 7 * 24 * 60 * MINUTE;
const id = z.object({ id: z.number().int().positive() }).strict();
const done = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), message: z.string() }),
  z.object({ ok: z.literal(false), reason: z.enum(['not_found', 'invalid_state', 'unsupported', 'failed']), message: z.string() }),
]);

export const IncidentAction = z.object({
  action: z.enum(['retry', 'rerun', 'pause']),
  available: z.boolean(),
  /** Why it is not offered ("Zapier does not let Flowdeck retry a run"). */
  why: z.string().nullable(),
});
export const IncidentContext = z.object({
  state: WorkflowState.nullable(),
  owner: z.string().nullable(),
  runbook: z.string().nullable(),
  actions: z.array(IncidentAction),
});
export type IncidentContext = z.infer<typeof IncidentContext>;

export const alertSchemas = {
  'alerts/list-rules': { input: z.object({}).strict(), output: z.object({ items: z.array(AlertRule) }), write: false, permission: 'read' },
  'alerts/save-rule': { input: z.object({ id: z.number().int().positive().optional(), rule: RuleDraft }).strict(), output: z.object({ rule: AlertRule }), write: true, permission: 'admin' },
  /** Every check saving would make (name, cron, duplicates), without saving: the editor asks its questions only about a rule that would save. */
  'alerts/check-rule': { input: z.object({ id: z.number().int().positive().optional(), rule: RuleDraft }).strict(), output: z.object({ ok: z.literal(true) }), write: false, permission: 'read' },
  'alerts/delete-rule': { input: id, output: z.object({ deleted: z.boolean() }), write: true, permission: 'admin' },
  'alerts/preview-rule': {
    input: z.object({ rule: RuleDraft, days: z.number().int().min(1).max(30).default(7) }).strict(),
    output: z.object({ fired: z.number().int(), targets: z.array(z.object({ target: z.string(), name: z.string(), firings: z.number().int() })), steps: z.number().int() }),
    write: false,
    permission: 'read',
  },
  'alerts/list-channels': { input: z.object({}).strict(), output: z.object({ items: z.array(NotifyChannel) }), write: false, permission: 'read' },
  'alerts/save-channel': { input: ChannelDraft, output: z.object({ channel: NotifyChannel }), write: true, permission: 'admin' },
  'alerts/delete-channel': { input: id, output: z.object({ deleted: z.boolean() }), write: true, permission: 'admin' },
  // A test message goes out through the channel's secret address: setup, so an admin's.
  'alerts/test-channel': { input: id, output: done, write: true, permission: 'admin' },
  'alerts/get-settings': { input: z.object({}).strict(), output: AlertSettings, write: false, permission: 'read' },
  'alerts/save-settings': { input: AlertSettings, output: AlertSettings, write: true, permission: 'admin' },
  'alerts/get-mute-status': { input: z.object({}).strict(), output: MuteStatus, write: false, permission: 'read' },
  'incidents/list-incidents': {
    input: z.object({ status: z.enum(['active', 'resolved', 'all']).default('active'), limit: z.number().int().min(1).max(500).default(200) }).strict(),
    output: z.object({ items: z.array(Incident), openCount: z.number().int() }),
    write: false,
    permission: 'read',
  },
  'incidents/get-incident': {
    input: id,
    output: z.discriminatedUnion('ok', [
      z.object({
        ok: z.literal(true), incident: Incident, events: z.array(IncidentEvent), deliveries: z.array(Delivery),
        /** "Failures began N minutes after version V": the registry's change ↔ failure correlation, when it finds one. */
        correlation: IncidentCorrelation.nullable().optional(),
        /** Why and what to do: the workflow's live state now, its owner and runbook, and which actions its vendor allows. */
        context: IncidentContext.nullable().optional(),
      }),
      z.object({ ok: z.literal(false), reason: z.literal('not_found') }),
    ]),
    write: false,
    permission: 'read',
  },
  'incidents/acknowledge-incident': { input: id, output: done, write: true, permission: 'operate' },
  'incidents/resolve-incident': { input: id, output: done, write: true, permission: 'operate' },
  'incidents/snooze-incident': { input: z.object({ id: z.number().int().positive(), minutes: z.number().int().min(1).max(SNOOZE_MAX_MS / MINUTE) }).strict(), output: done, write: true, permission: 'operate' },
  /** Retries one of the incident's runs and records it on the incident's timeline; `runs/retry-run` is the bare control action. */
  'incidents/retry-incident-run': { input: z.object({ id: z.number().int().positive(), runId: z.number().int().positive() }).strict(), output: done, write: true, permission: 'operate' },
  'incidents/pause-workflow': { input: id, output: done, write: true, permission: 'operate' },
  'audit/search-entries': {
    input: z.object({
      actor: z.string().max(200).optional(), actorId: z.string().min(1).max(200).optional(), action: z.string().max(200).optional(),
      from: epochMs.optional(), to: epochMs.optional(), beforeId: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(5000).default(200),
    }).strict(),
    output: z.object({ items: z.array(AuditEntry) }),
    write: false,
    permission: 'read',
  },
} as const;

export const alertEventSchemas = {
  /** A notification for the console itself: serve mode shows it through the browser Notification API. */
  'notifications/raised': z.object({ incidentId: z.number().int().nullable(), title: z.string(), body: z.string(), severity: Severity }),
} as const;
