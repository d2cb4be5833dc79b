import { z } from 'zod';
import { ExpectedSchedule } from './alerts.ts';

/** Heartbeat monitors and signed webhooks of a push connector (the local receiver, core/push). */
const ConnectorId = z.string().min(1).max(200);
export const MONITOR_SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export const PingUrls = z.object({
  success: z.string(),
  start: z.string(),
  fail: z.string(),
  exitCode: z.string(),
  log: z.string(),
  /** The monitor's own URL, /ping/<uuid> (also takes /start, /fail, /log, /<exit-code>). */
  uuid: z.string().optional(),
});

/**
 * When a heartbeat is expected (the Healthchecks model): every N minutes, or a cron in a time zone, plus a grace after
 * which a missing ping is a missed run. Kept as the monitor workflow's registry schedule, so every surface reads it.
 */
export const HeartbeatSchedule = z.discriminatedUnion('kind', [ExpectedSchedule.options[0], ExpectedSchedule.options[1]]);
export type HeartbeatSchedule = z.infer<typeof HeartbeatSchedule>;

export const PushMonitor = z.object({
  slug: z.string(),
  name: z.string(),
  /** The ledger workflow the monitor's runs belong to (null until it exists). */
  workflowId: z.number().int().nullable(),
  createdAt: z.number().int(),
  createdBy: z.string(),
  lastPingAt: z.number().int().nullable(),
  /** start | success | fail | log | "exit N" */
  lastPingKind: z.string().nullable(),
  pings: z.number().int().nonnegative(),
  /** A start that has not finished yet (epoch ms), if any. */
  openSince: z.number().int().nullable(),
  urls: PingUrls,
  /** When pings are expected (null: any time; silence is then not judged). */
  expected: HeartbeatSchedule.nullable(),
});
export type PushMonitor = z.infer<typeof PushMonitor>;

export const ReceiverInfo = z.object({
  /** e.g. http://127.0.0.1:7788 */
  url: z.string(),
  /** False when this process has not started the receiver (the URL is then the configured one). */
  listening: z.boolean(),
});

export const PushConnectorInput = z.object({ connectorId: ConnectorId }).strict();

export const ListMonitorsOutput = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), receiver: ReceiverInfo, hookUrl: z.string(), items: z.array(PushMonitor) }),
  z.object({ ok: z.literal(false), reason: z.enum(['not_found', 'not_push']), message: z.string() }),
]);

export const CreateMonitorInput = z.object({
  connectorId: ConnectorId,
  slug: z.string().regex(MONITOR_SLUG, 'Use 1-64 lowercase letters, digits, "-" or "_", starting with a letter or digit.'),
  name: z.string().trim().min(1).max(200),
  /** When pings are expected and the grace after that (optional: without it, silence is never judged). */
  expected: HeartbeatSchedule.optional(),
}).strict();

export const CreateMonitorOutput = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), monitor: PushMonitor }),
  z.object({ ok: z.literal(false), reason: z.enum(['not_found', 'not_push', 'slug_taken']), message: z.string() }),
]);

export const GetSnippetsInput = z.object({
  connectorId: ConnectorId,
  /** Put the signing secret itself into the snippets (otherwise a placeholder). Creates the secret if missing. */
  revealSecret: z.boolean().default(false),
}).strict();

export const MonitorSnippets = z.object({
  slug: z.string(),
  name: z.string(),
  curl: z.object({ success: z.string(), start: z.string(), fail: z.string(), exitCode: z.string(), log: z.string(), wrapper: z.string() }),
});

export const SnippetsOutput = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    receiver: ReceiverInfo,
    hookUrl: z.string(),
    signatureHeader: z.string(),
    /** The signing secret when revealSecret was asked, else null (snippets then carry a placeholder). */
    secret: z.string().nullable(),
    monitors: z.array(MonitorSnippets),
    hook: z.object({ curl: z.string(), n8nWorkflowJson: z.string(), make: z.string(), zapier: z.string(), doc: z.string() }),
    notes: z.array(z.string()),
  }),
  z.object({ ok: z.literal(false), reason: z.enum(['not_found', 'keychain_unavailable']), message: z.string() }),
]);

export const RotateSecretOutput = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), reason: z.enum(['not_found', 'keychain_unavailable']), message: z.string() }),
]);

export const pushSchemas = {
  'push/list-monitors': { input: PushConnectorInput, output: ListMonitorsOutput, write: false, permission: 'read' },
  'push/create-monitor': { input: CreateMonitorInput, output: CreateMonitorOutput, write: true, permission: 'admin' },
  // Snippets can carry (and create) the signing secret.
  'push/get-snippets': { input: GetSnippetsInput, output: SnippetsOutput, write: false, permission: 'admin' },
  'push/rotate-secret': { input: PushConnectorInput, output: RotateSecretOutput, write: true, permission: 'admin' },
} as const;
