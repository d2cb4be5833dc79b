import { VENDOR_LABELS, type ConnectorKind } from '../contract/catalog.ts';
import { ACTIONS_BY_KIND } from '../contract/connectors.ts';
import type { RunSummary } from '../contract/runs.ts';
import { BULK_MAX_RUNS, type BulkPreview, type BulkSelection, type BulkSkipGroup, type BulkSkipReason } from '../contract/runs-bulk.ts';
import type { RuntimeCache } from '../sync/runtime.ts';
import type { ConnectorSyncRepo } from '../store/connector-sync-repo.ts';
import type { Ledger } from '../store/ledger.ts';

/** What the selection reads: the ledger's runs, workflows and error search, the connectors and their live drivers. */
export interface SelectDeps {
  ledger: Pick<Ledger, 'runs' | 'workflows' | 'errorSearch'>;
  repo: ConnectorSyncRepo;
  runtimes: RuntimeCache;
}

/** The runs a bulk job acts on, grouped by connector, and the runs it leaves out with why. */
export interface BulkPlan {
  preview: BulkPreview;
  /** connector id → its eligible runs, oldest first (they are repaired in the order they failed). */
  byConnector: Map<string, RunSummary[]>;
}

const REPAIRABLE = new Set(['failed', 'canceled']);
const GOING = new Set(['queued', 'running', 'waiting']);
const PAGE = 500;
/** Runs read for one selection: the job's cap plus room for the ones it skips. */
const MAX_MATCHED = 5_000;
const SAMPLE = 20;

/** Every run the Runs page shows for this filter and search (newest first), up to MAX_MATCHED. */
function matchedRuns(d: SelectDeps, sel: BulkSelection): RunSummary[] {
  const f = sel.filter;
  if (sel.search && sel.search.trim()) {
    // The same rule as the Runs page: workflow and time inside the search, status and connector after it.
    const { runs } = d.ledger.errorSearch.search(sel.search, { workflowIds: f.workflowIds, from: f.from, to: f.to }, MAX_MATCHED);
    return runs.filter((r) => (!f.statuses || f.statuses.includes(r.status)) && (!f.connectorIds || f.connectorIds.includes(r.connectorId)));
  }
  const out: RunSummary[] = [];
  let cursor: string | null = null;
  do {
    const page = d.ledger.runs.list(f, cursor, PAGE);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && out.length < MAX_MATCHED);
  return out.slice(0, MAX_MATCHED);
}

function vendorLabel(kind: string): string {
  return (VENDOR_LABELS as Record<string, string>)[kind] ?? (kind === 'demo' ? 'A demo connector' : kind === 'push' ? 'A push connector' : kind);
}

/** Plans a bulk retry or re-run: nothing is sent; the same plan is made again when the job starts. */
export function planBulk(d: SelectDeps, sel: BulkSelection): BulkPlan {
  const verb = sel.action === 'retry-run' ? 'retry' : 're-run';
  const runs = matchedRuns(d, sel).reverse();
  const archived = new Set(d.ledger.workflows.list().filter((w) => w.archived).map((w) => w.id));
  const skipped = new Map<string, BulkSkipGroup>();
  const skip = (reason: BulkSkipReason, message: string, runId: number) => {
    const key = `${reason}:${message}`;
    const group = skipped.get(key) ?? { reason, message, count: 0, runIds: [] };
    group.count++;
    if (group.runIds.length < SAMPLE) group.runIds.push(runId);
    skipped.set(key, group);
  };
  const offers = new Map<string, { ok: boolean; why: BulkSkipReason; message: string; name: string; kind: string; pace: string; loadWorkflow: boolean }>();
  const offerOf = (connectorId: string) => {
    const known = offers.get(connectorId);
    if (known) return known;
    const state = d.repo.get(connectorId);
    let offer;
    if (!state || state.removedAt !== null) {
      offer = { ok: false, why: 'connector-removed' as const, message: 'Its connector was removed', name: state?.name ?? connectorId, kind: state?.kind ?? '', pace: '', loadWorkflow: false };
    } else {
      const runtime = d.runtimes.get(state);
      const method = sel.action === 'retry-run' ? 'retryRun' : 'rerunRun';
      const can = ACTIONS_BY_KIND[state.kind as ConnectorKind]?.includes(sel.action) === true && typeof runtime?.driver.actions[method] === 'function';
      const budget = runtime ? d.runtimes.limitsOf(state) : null;
      const pace = budget
        ? `at most ${budget.limit} requests every ${budget.windowMs >= 3_600_000 ? `${budget.windowMs / 3_600_000} h` : `${Math.round(budget.windowMs / 1000)} s`}, shared with syncing`
        : 'one request at a time (no request limit is set)';
      offer = {
        ok: can, why: 'vendor-cannot' as const, message: `${vendorLabel(state.kind)} does not let Flowdeck ${verb} runs`,
        name: state.name, kind: state.kind, pace, loadWorkflow: can && state.kind === 'n8n' && sel.action === 'retry-run',
      };
    }
    offers.set(connectorId, offer);
    return offer;
  };

  const byConnector = new Map<string, RunSummary[]>();
  let eligible = 0;
  for (const run of runs) {
    const offer = offerOf(run.connectorId);
    if (!offer.ok) skip(offer.why, offer.message, run.id);
    else if (GOING.has(run.status)) skip('still-going', 'The run is still going', run.id);
    else if (!REPAIRABLE.has(run.status)) skip('not-failed', 'The run did not fail (only failed and canceled runs are repaired)', run.id);
    else if (archived.has(run.workflowId)) skip('workflow-gone', 'Its workflow was archived or deleted at the vendor', run.id);
    else if (sel.action === 'retry-run' && d.ledger.runs.get(run.id)?.retrySuccessId) skip('already-retried', 'A retry of it already succeeded', run.id);
    else if (eligible >= BULK_MAX_RUNS) skip('too-many', `More than ${BULK_MAX_RUNS} runs: the newest wait for a second round`, run.id);
    else {
      eligible++;
      const list = byConnector.get(run.connectorId) ?? [];
      list.push(run);
      byConnector.set(run.connectorId, list);
    }
  }
  const connectors = [...byConnector].map(([connectorId, list]) => {
    const offer = offerOf(connectorId);
    return { connectorId, name: offer.name, kind: offer.kind, count: list.length, pace: offer.pace };
  });
  return {
    byConnector,
    preview: {
      action: sel.action, matched: runs.length, eligible, connectors,
      skipped: [...skipped.values()].sort((a, b) => b.count - a.count),
      loadWorkflowOffered: [...byConnector.keys()].some((id) => offerOf(id).loadWorkflow),
    },
  };
}
