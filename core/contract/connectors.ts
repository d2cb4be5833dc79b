import { z } from 'zod';
import { CONNECTOR_KINDS, ConnectorHealth, ConnectorSummary, VENDOR_KINDS, vendorCan, type ConnectorKind, type VendorAction } from './catalog.ts';

/** Kinds the scheduler polls (push connectors receive runs; demo connectors are simulated): the catalog's vendors. */
export const POLLED_KINDS = VENDOR_KINDS;
export const PolledKind = z.enum(POLLED_KINDS);
export type PolledKind = z.infer<typeof PolledKind>;

const id = z.string().min(1).max(200);
/** A credential crosses the contract once, inward. It is never part of an output, an error or a log line. */
const Credential = z.string().min(1, 'Paste the API key or token.').max(10_000);
const OptionValue = z.union([z.string().max(2000), z.number().finite(), z.boolean()]);
export const ConnectorOptions = z.record(z.string().min(1).max(100), OptionValue)
  .refine((o) => Object.keys(o).length <= 50, 'Too many options.');
export type ConnectorOptions = z.infer<typeof ConnectorOptions>;

const BaseUrl = z.url({ protocol: /^https?$/, error: 'Give the address as http:// or https://…' }).max(2000);
const Name = z.string().trim().min(1, 'Give the connector a name.').max(100);

/** The rate budget of a connector's HTTP client in its current window. */
export const RateBudgetUse = z.object({ limit: z.number().int(), used: z.number().int(), windowMs: z.number().int() });

/** One connector on the Connectors page: the catalog summary plus its polling state. */
export const ConnectorListItem = ConnectorSummary.extend({
  baseUrl: z.string().nullable(),
  options: z.record(z.string(), z.unknown()),
  paused: z.boolean(),
  /** False for push and demo connectors: nothing polls them. */
  polled: z.boolean(),
  lastPollAt: z.number().int().nullable(),
  nextPollAt: z.number().int().nullable(),
  lastSuccessAt: z.number().int().nullable(),
  consecutiveFailures: z.number().int().nonnegative(),
  runsIngested: z.number().int().nonnegative(),
  firstSyncDone: z.boolean(),
  budget: RateBudgetUse.nullable(),
  createdAt: z.number().int(),
  /** What keeps Flowdeck from seeing this connector's workflows now (the live state's reason), or null when it sees them. */
  blind: z.string().nullable(),
});
export type ConnectorListItem = z.infer<typeof ConnectorListItem>;

export const ListConnectorsWithStateOutput = z.object({ items: z.array(ConnectorListItem) });

export const TEST_FAILURE_REASONS = [
  'credentials_rejected', 'unreachable', 'tls_error', 'wrong_server', 'timeout', 'rate_limited', 'no_credential', 'error',
] as const;
export const TestOutcome = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), workflows: z.number().int().nonnegative(), message: z.string() }),
  z.object({ ok: z.literal(false), reason: z.enum(TEST_FAILURE_REASONS), message: z.string() }),
]);
export type TestOutcomeWire = z.infer<typeof TestOutcome>;

export const ConnectorDraft = z.object({
  kind: PolledKind,
  name: Name,
  baseUrl: BaseUrl,
  options: ConnectorOptions.default({}),
  credential: Credential,
}).strict();
export type ConnectorDraft = z.infer<typeof ConnectorDraft>;

/** Test a draft: name is optional here (nothing is saved). */
export const TestConnectorInput = ConnectorDraft.extend({ name: Name.optional() }).strict();
export const AddConnectorInput = ConnectorDraft;

/** Expected failures are data: `{ ok: false, reason, message }` with the message in plain words. */
const failure = <R extends readonly [string, ...string[]]>(reasons: R) =>
  z.object({ ok: z.literal(false), reason: z.enum(reasons), message: z.string() });

export const AddConnectorOutput = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), connector: z.object({ id, name: z.string() }), message: z.string() }),
  failure(['name_taken', 'keychain_unavailable', 'invalid_options']),
]);

/** A push connector (heartbeats and signed webhooks) has only a name: its signing secret is made on first use. */
export const AddPushConnectorInput = z.object({ name: Name }).strict();

export const ConnectorRefInput = z.object({ id }).strict();
export const SimpleOutcome = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), message: z.string() }),
  failure(['not_found', 'keychain_unavailable', 'not_polled']),
]);

export const SetPausedInput = z.object({ id, paused: z.boolean() }).strict();
export const SetCredentialInput = z.object({ id, credential: Credential }).strict();

export const PollNowOutput = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), health: ConnectorHealth, message: z.string(), runsIngested: z.number().int().nonnegative() }),
  z.object({ ok: z.literal(false), reason: z.enum(['not_found', 'not_polled', 'paused', 'failed']), health: ConnectorHealth.nullable(), message: z.string() }),
]);
export type PollNowOutput = z.infer<typeof PollNowOutput>;

// ---- Control actions -------------------------------------------------------------------------------------------

export const CONTROL_ACTIONS = ['retry-run', 'rerun-run', 'activate-workflow', 'deactivate-workflow', 'run-workflow'] as const;
export type ControlAction = (typeof CONTROL_ACTIONS)[number];

/** The catalog's name of each control action (`VENDOR_ACTIONS` in catalog.ts). */
const CATALOG_ACTION: Readonly<Record<ControlAction, VendorAction>> = {
  'retry-run': 'retry', 'rerun-run': 'rerun', 'activate-workflow': 'activate', 'deactivate-workflow': 'deactivate', 'run-workflow': 'run',
};

/**
 * What each kind lets Flowdeck do (the UI offers these; the core still checks the driver), read from the vendor
 * catalog's `VENDOR_ACTIONS`, which a test checks against the drivers. Push and demo connectors offer none.
 */
export const ACTIONS_BY_KIND: Readonly<Record<ConnectorKind, readonly ControlAction[]>> = CONNECTOR_KINDS.reduce(
  (byKind, kind) => ({ ...byKind, [kind]: CONTROL_ACTIONS.filter((action) => vendorCan(kind, CATALOG_ACTION[action])) }),
  {} as Record<ConnectorKind, readonly ControlAction[]>,
);

export const RunActionInput = z.object({ runId: z.number().int().positive() }).strict();
export const SetWorkflowActiveInput = z.object({ workflowId: z.number().int().positive(), active: z.boolean() }).strict();
export const RunWorkflowInput = z.object({ workflowId: z.number().int().positive() }).strict();

export const ActionOutcome = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), message: z.string() }),
  failure(['unsupported', 'not_found', 'failed']),
]);
export type ActionOutcome = z.infer<typeof ActionOutcome>;
