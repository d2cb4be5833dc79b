import { z } from 'zod';

/**
 * The system map (issue 19): which automation feeds which, read from the definitions Flowdeck stores, plus the
 * links the owner adds by hand. An edge points the way work flows: `from` starts, calls or sends to `to`.
 */
export const EDGE_KINDS = ['sub-workflow', 'webhook-call', 'dispatch', 'shared-credential', 'duplicate-trigger', 'manual'] as const;
export const EdgeKind = z.enum(EDGE_KINDS);
export type EdgeKind = z.infer<typeof EdgeKind>;

/** The words each kind carries on the map. */
export const EDGE_KIND_LABELS: Record<EdgeKind, string> = {
  'sub-workflow': 'runs as a step',
  'webhook-call': 'sends to its webhook',
  dispatch: 'starts (dispatch)',
  'shared-credential': 'same sign-in',
  'duplicate-trigger': 'duplicate trigger',
  manual: 'added by hand',
};

/** What proves an edge: the step (node or module, or a line of a GitHub workflow), the field and its value. */
export const EdgeEvidence = z.object({ step: z.string(), field: z.string(), value: z.string() });
export type EdgeEvidence = z.infer<typeof EdgeEvidence>;

export const MapEdge = z.object({
  /** Stable across reads: `<kind>:<from>-><to>` (shared sign-ins and duplicate triggers have no direction: from < to). */
  key: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  kind: EdgeKind,
  /** False for links without a direction (a shared sign-in, a duplicate trigger). */
  directed: z.boolean(),
  evidence: EdgeEvidence.nullable(),
  /** Manual edges: who added it and why (its ledger id, to remove it). */
  manual: z.object({ id: z.number().int(), note: z.string().nullable(), addedBy: z.string(), addedAt: z.number().int() }).nullable(),
});
export type MapEdge = z.infer<typeof MapEdge>;

export const ListEdgesOutput = z.object({
  edges: z.array(MapEdge),
  /** Inferred edges the owner hid, by key (shown in the registry so they can be put back). */
  hidden: z.array(z.object({ id: z.number().int(), key: z.string(), hiddenBy: z.string(), hiddenAt: z.number().int() })),
});
export type ListEdgesOutput = z.infer<typeof ListEdgesOutput>;

const workflowId = z.number().int().positive();
const outcome = z.object({ ok: z.boolean(), message: z.string() });

/** A workflow's neighbours in plain words, for its page and its incidents. */
export const BlastRadius = z.object({
  downstream: z.array(z.object({ workflowId: z.number().int(), name: z.string(), state: z.string() })),
  upstream: z.array(z.object({ workflowId: z.number().int(), name: z.string(), state: z.string(), since: z.number().int().nullable() })),
  /** "3 automations depend on this: A, B and C." or null. */
  dependents: z.string().nullable(),
  /** "Its input comes from X, which is failing since 06:12 UTC." or null. */
  likelyCause: z.string().nullable(),
});
export type BlastRadius = z.infer<typeof BlastRadius>;

export const mapSchemas = {
  'registry/list-edges': { input: z.object({}).strict(), output: ListEdgesOutput, write: false, permission: 'read' },
  /** The map as Mermaid and Graphviz DOT text (what the registry export writes as map.mmd and map.dot). */
  'registry/get-map-text': { input: z.object({}).strict(), output: z.object({ mermaid: z.string(), dot: z.string() }), write: false, permission: 'read' },
  'registry/get-blast-radius': { input: z.object({ workflowId }).strict(), output: BlastRadius, write: false, permission: 'read' },
  'registry/add-edge': {
    input: z.object({ from: workflowId, to: workflowId, note: z.string().trim().max(500).nullable().default(null) }).strict()
      .refine((e) => e.from !== e.to, { message: 'An edge joins two different workflows.' }),
    output: outcome, write: true, permission: 'admin',
  },
  /** Removes a manual edge (by its id), or hides an inferred one (by its key) that the owner knows is wrong. */
  'registry/remove-edge': {
    input: z.union([z.object({ id: z.number().int().positive() }).strict(), z.object({ key: z.string().min(3).max(200) }).strict()]),
    output: outcome, write: true, permission: 'admin',
  },
  /** Puts back an inferred edge the owner hid. */
  'registry/unhide-edge': { input: z.object({ id: z.number().int().positive() }).strict(), output: outcome, write: true, permission: 'admin' },
} as const;
