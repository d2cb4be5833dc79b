import { z } from 'zod';

export const CONNECTOR_KINDS = ['n8n', 'make', 'zapier', 'github', 'activepieces', 'push', 'demo'] as const;
export const ConnectorKind = z.enum(CONNECTOR_KINDS);
export type ConnectorKind = z.infer<typeof ConnectorKind>;

/** Kinds with no vendor to poll: push connectors receive their runs (core/push), demo connectors are simulated. */
export const UNPOLLED_KINDS = ['push', 'demo'] as const;
/** A kind whose runs Flowdeck polls from a vendor's API. */
export type VendorKind = Exclude<ConnectorKind, (typeof UNPOLLED_KINDS)[number]>;
const isVendorKind = (kind: ConnectorKind): kind is VendorKind => !(UNPOLLED_KINDS as readonly string[]).includes(kind);
/** The vendors Flowdeck polls, in catalog order: every list of vendors elsewhere derives from this one. */
export const VENDOR_KINDS: readonly VendorKind[] = CONNECTOR_KINDS.filter(isVendorKind);

/** How the vendor's product is named to an owner; push and demo connectors have no vendor app. */
export const VENDOR_LABELS = { n8n: 'n8n', make: 'Make', zapier: 'Zapier', github: 'GitHub', activepieces: 'Activepieces' } as const satisfies Record<VendorKind, string>;

/**
 * What each vendor lets Flowdeck do (its driver's control actions; a test checks this against the drivers). The UI
 * offers only these, and explains the others.
 */
export const VENDOR_ACTIONS = {
  n8n: { retry: true, rerun: false, run: false, activate: true, deactivate: true },
  make: { retry: false, rerun: false, run: true, activate: true, deactivate: true },
  github: { retry: false, rerun: true, run: false, activate: true, deactivate: true },
  zapier: { retry: false, rerun: false, run: false, activate: true, deactivate: true },
  activepieces: { retry: false, rerun: false, run: false, activate: true, deactivate: true },
} as const satisfies Record<VendorKind, Record<'retry' | 'rerun' | 'run' | 'activate' | 'deactivate', boolean>>;
export type VendorAction = keyof (typeof VENDOR_ACTIONS)['n8n'];

/** Whether Flowdeck can do `action` on this kind of connector. */
export function vendorCan(kind: ConnectorKind, action: VendorAction): boolean {
  return kind in VENDOR_ACTIONS ? VENDOR_ACTIONS[kind as keyof typeof VENDOR_ACTIONS][action] : false;
}

export const ConnectorHealth = z.enum(['ok', 'degraded', 'needs_attention', 'paused', 'new']);

export const ConnectorSummary = z.object({
  id: z.string(),
  kind: ConnectorKind,
  name: z.string(),
  health: ConnectorHealth,
  healthMessage: z.string().nullable(),
  lastIngestAt: z.number().int().nullable(),
  runCount: z.number().int().nonnegative(),
});
export type ConnectorSummary = z.infer<typeof ConnectorSummary>;

export const WorkflowSummary = z.object({
  id: z.number().int(),
  connectorId: z.string(),
  externalId: z.string(),
  name: z.string(),
  active: z.boolean(),
  archived: z.boolean(),
});
export type WorkflowSummary = z.infer<typeof WorkflowSummary>;

export const ListConnectorsInput = z.object({}).strict();
export const ListConnectorsOutput = z.object({ items: z.array(ConnectorSummary) });

export const ListWorkflowsInput = z.object({ connectorId: z.string().min(1).max(200).optional() }).strict();
export const ListWorkflowsOutput = z.object({ items: z.array(WorkflowSummary) });
